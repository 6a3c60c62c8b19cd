// A component whose code loads the first time it is drawn. The popup keeps what it paints at open
// in its first files and leaves the rest (panels behind a tab, the unlock form, the act-as picker)
// to chunks of their own, so its size budget (bench/budgets.ts) counts only what the first paint needs.
import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null
  let loading: Promise<ComponentType<P>> | null = null
  return function Lazy(props: P) {
    const [, setReady] = useState(loaded !== null)
    useEffect(() => {
      if (loaded) return
      let mounted = true
      loading ??= load().then((component) => (loaded = component))
      void loading.then(() => mounted && setReady(true))
      return () => {
        mounted = false
      }
    }, [])
    const Component = loaded
    return Component ? <Component {...props} /> : null
  }
}
