// How a person tells the users an operator may act as apart (issue 15): the email, else the phone,
// else the user id. Shared by the picker, the banner, the tab badge and the timeline.
export function userLabel(user: { email: string; phone: string; userId: string }): string {
  return user.email || user.phone || user.userId
}
