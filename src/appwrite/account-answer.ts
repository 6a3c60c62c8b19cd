// Every route that answers with the Account goes through here, so its prefs are checked against
// Appwrite's own limit (response-limits.ts) wherever the account comes from.
import type { Call, Transport } from './http.ts'
import { AccountSchema, type Account } from './models.ts'
import { assertServerPrefsFit } from './response-limits.ts'

export async function sendForAccount(transport: Transport, call: Call): Promise<Account> {
  const { data } = await transport.send(call, AccountSchema)
  assertServerPrefsFit(data.prefs, transport.host)
  return data
}
