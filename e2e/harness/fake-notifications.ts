// A fake freedesktop notification daemon on a private D-Bus (docs/toolchain.md "2. Notifications and
// badge"). Without a session bus Chromium shows notifications in an internal message center that
// no test can click; pointed at this bus (DBUS_SESSION_BUS_ADDRESS), it sends every notification
// here, and an ActionInvoked signal from here reaches the extension exactly as a user's click would.
// A private daemon, so the test never depends on (or disturbs) a desktop bus on the machine.
import { spawn } from 'node:child_process'
import dbus from 'dbus-next'

export interface RecordedNotification {
  id: number
  app: string
  summary: string
  body: string
  /** Flat key/label pairs as Chromium sends them: ["0", "Revoke", ..., "default", "Activate", ...]. */
  actions: string[]
}

export interface FakeNotifications {
  /** The private bus's address, for the browser's DBUS_SESSION_BUS_ADDRESS. */
  address: string
  /** Every Notify call so far, oldest first. */
  notifications: RecordedNotification[]
  /** What a click on the button (or body) with this action key sends. */
  invokeAction(id: number, actionKey: string): void
  close(): Promise<void>
}

const NAME = 'org.freedesktop.Notifications'
const PATH = '/org/freedesktop/Notifications'

class NotificationsInterface extends dbus.interface.Interface {
  recorded: RecordedNotification[] = []
  private nextId = 1

  // Chromium only sends buttons as actions when the server says it supports them.
  GetCapabilities(): string[] {
    return ['actions', 'body']
  }

  Notify(app: string, replacesId: number, _icon: string, summary: string, body: string, actions: string[]): number {
    // Honour replaces_id, as a real server does: Chromium reuses it when it updates a notification.
    const id = replacesId > 0 ? replacesId : this.nextId++
    this.recorded.push({ id, app, summary, body, actions })
    return id
  }

  GetServerInformation(): string[] {
    return ['lanyard-fake', 'lanyard', '1.0', '1.2']
  }

  CloseNotification(id: number): void {
    this.NotificationClosed(id, 3)
  }

  // Signal bodies: dbus-next emits what these return.
  ActionInvoked(id: number, actionKey: string): [number, string] {
    return [id, actionKey]
  }

  NotificationClosed(id: number, reason: number): [number, number] {
    return [id, reason]
  }
}

NotificationsInterface.configureMembers({
  methods: {
    GetCapabilities: { outSignature: 'as' },
    Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
    GetServerInformation: { outSignature: 'ssss' },
    CloseNotification: { inSignature: 'u' },
  },
  signals: {
    ActionInvoked: { signature: 'us' },
    NotificationClosed: { signature: 'uu' },
  },
})

export async function startFakeNotifications(): Promise<FakeNotifications> {
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1', '--nopidfile'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Its stderr is routine chatter (fd limits, a11y bus activation); kept only to explain a failed start.
  let stderr = ''
  daemon.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const address = await new Promise<string>((resolve, reject) => {
    let out = ''
    daemon.once('error', reject)
    daemon.once('exit', (code) => reject(new Error(`dbus-daemon exited early (${code}): ${stderr}`)))
    daemon.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const lines = out.split('\n')
      if (lines.length > 1) resolve(lines[0]!.trim())
    })
  })

  const bus = dbus.sessionBus({ busAddress: address })
  try {
    const service = new NotificationsInterface(NAME)
    bus.export(PATH, service)
    await bus.requestName(NAME, 0)
    return {
      address,
      notifications: service.recorded,
      invokeAction: (id, actionKey) => service.ActionInvoked(id, actionKey),
      close: async () => {
        bus.disconnect()
        // By PID: per docs/toolchain.md this also leaves nothing of the a11y bus Chromium asks it to start.
        if (daemon.exitCode === null) {
          const exited = new Promise((resolve) => daemon.once('exit', resolve))
          daemon.kill()
          await exited
        }
      },
    }
  } catch (error) {
    bus.disconnect()
    daemon.kill()
    throw error
  }
}
