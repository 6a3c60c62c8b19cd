// The app under test: the stock Web SDK (appwrite 26.2.0, IIFE build) against the endpoint and
// project the server put in /config.js. It keeps its session where the SDK keeps it, so the test
// sees exactly what a real app would.
/* global Appwrite */
;(function () {
  const config = window.TAB_APP_CONFIG
  const client = new Appwrite.Client().setEndpoint(config.endpoint).setProject(config.projectId)
  const account = new Appwrite.Account(client)

  function failure(error) {
    return { error: { code: error.code ?? 0, type: error.type ?? 'unknown' } }
  }

  window.tabApp = {
    async whoami() {
      try {
        const user = await account.get()
        return { userId: user.$id }
      } catch (error) {
        return failure(error)
      }
    },
    async signIn(email, password) {
      try {
        const session = await account.createEmailPasswordSession({ email, password })
        return { userId: session.userId }
      } catch (error) {
        return failure(error)
      }
    },
    async signOut() {
      try {
        await account.deleteSession({ sessionId: 'current' })
        return { ok: true }
      } catch (error) {
        return failure(error)
      }
    },
  }
})()
