// Drives Lanyard's own pages in Firefox the way a person does: finds elements by role and
// accessible name (a small in-page subset of what Playwright's getByRole does), then clicks and
// types through WebDriver BiDi `input.performActions`, so Preact sees real pointer and key events.
import { callInPage, type BidiConnection } from './bidi.ts'

/** An element by ARIA role (implicit roles of the tags Lanyard uses) and exact accessible name. */
export interface Target {
  role: 'button' | 'textbox' | 'region' | 'listitem' | 'list' | 'alertdialog' | 'heading' | 'link' | 'radio'
  name: string
  /** Search only inside this element. */
  within?: Target
}

interface NodeValue {
  type: string
  sharedId?: string
}

const WAIT_MS = 15_000

/**
 * Runs in the page (its source is sent over BiDi, so it names nothing from outside). An element's
 * accessible name is its aria-label, else the text of its aria-labelledby elements, else, for a
 * form field, the text of its label's `.field-label` (ui/field.tsx), for a radio button its label's text,
 * else its own text; both without the parts hidden from assistive technology (`aria-hidden`).
 */
function locateInPage(targetJson: string): Element | null {
  const selectors: Record<string, string> = {
    button: 'button,[role=button]',
    textbox: 'input:not([type=checkbox]):not([type=radio]),textarea',
    region: 'section[aria-label],section[aria-labelledby],[role=region]',
    listitem: 'li,[role=listitem]',
    list: 'ul,ol,[role=list]',
    alertdialog: '[role=alertdialog]',
    heading: 'h1,h2,h3,h4,h5,h6',
    link: 'a[href]',
    radio: 'input[type=radio]',
  }
  const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()
  const nameOf = (el: Element): string => {
    const label = el.getAttribute('aria-label')
    if (label !== null) return clean(label)
    const labelledBy = el.getAttribute('aria-labelledby')
    if (labelledBy) return clean(labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent).join(' '))
    const fieldLabel = el.closest('label')?.querySelector('.field-label')
    if (fieldLabel) return clean(fieldLabel.textContent)
    const copy = (el.matches('input[type=radio]') ? (el.closest('label') ?? el) : el).cloneNode(true) as Element
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove()
    return clean(copy.textContent)
  }
  type Spec = { role: string; name: string; within?: Spec }
  const find = (spec: Spec): Element | null => {
    const scope = spec.within ? find(spec.within) : document
    if (!scope) return null
    return [...scope.querySelectorAll(selectors[spec.role] ?? spec.role)].find((el) => nameOf(el) === spec.name) ?? null
  }
  return find(JSON.parse(targetJson) as Spec)
}

/** Runs in the page. Timers, not animation frames: headless Firefox may not paint a background tab. */
const ACTIONABLE_IN_PAGE = `(el) => new Promise((resolve) => {
  if (!el.isConnected) return resolve('detached')
  if (el.disabled || el.getAttribute('aria-disabled') === 'true') return resolve('disabled')
  el.scrollIntoView({ block: 'center' })
  const before = el.getBoundingClientRect()
  setTimeout(() => {
    const box = el.getBoundingClientRect()
    if (box.x !== before.x || box.y !== before.y || box.width !== before.width || box.height !== before.height) return resolve('moving')
    if (box.width === 0 || box.height === 0) return resolve('not visible')
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)
    resolve(hit !== null && el.contains(hit) ? '' : 'covered by ' + (hit ? hit.outerHTML.slice(0, 120) : 'nothing'))
  }, 50)
})`

/**
 * Runs in the page before a press: pointer and click events whose target is outside the element
 * are stopped before any handler sees them (a re-render moved something under the pointer), and
 * `__lanyardClickResult()` then says whether the element got its click ('' when it did).
 */
const GUARD_CLICK_IN_PAGE = `(el) => {
  const types = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']
  let result = 'no click'
  const guard = (event) => {
    if (!el.contains(event.target)) {
      event.stopImmediatePropagation()
      event.preventDefault()
      result = 'the press landed on ' + (event.target.outerHTML ?? String(event.target)).slice(0, 120)
    } else if (event.type === 'click' && result === 'no click') result = ''
  }
  for (const type of types) document.addEventListener(type, guard, true)
  window.__lanyardClickResult = () => {
    for (const type of types) document.removeEventListener(type, guard, true)
    return result
  }
}`

function describe(target: Target): string {
  const own = `${target.role} "${target.name}"`
  return target.within ? `${own} in ${describe(target.within)}` : own
}

export interface PageDriver {
  /** Waits until the element exists and returns its BiDi shared id. */
  find(target: Target): Promise<string>
  /** Waits until the element's text contains `text`. */
  waitForText(target: Target, text: string): Promise<void>
  /** Waits until no element matches. */
  waitForGone(target: Target): Promise<void>
  click(target: Target): Promise<void>
  /** Clicks the field, then types `text` key by key. */
  type(target: Target, text: string): Promise<void>
  /** The element's text content, once it exists. */
  text(target: Target): Promise<string>
}

export function pageDriver(bidi: BidiConnection, context: string): PageDriver {
  const locate = async (target: Target): Promise<string | null> => {
    const answer = await bidi.send<{ type: string; result?: NodeValue }>('script.callFunction', {
      functionDeclaration: locateInPage.toString(),
      arguments: [{ type: 'string', value: JSON.stringify(target) }],
      target: { context },
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { maxDomDepth: 0 },
    })
    return answer.result?.type === 'node' ? (answer.result.sharedId ?? null) : null
  }
  const onNode = <T>(sharedId: string, functionDeclaration: string) =>
    bidi.send<{ result?: { value?: T } }>('script.callFunction', {
      functionDeclaration,
      arguments: [{ sharedId }],
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    })

  /** Polls until `check` holds: the page updates after the worker answers. */
  const until = async (what: string | (() => string), check: () => Promise<boolean>) => {
    const end = Date.now() + WAIT_MS
    while (!(await check())) {
      if (Date.now() > end) {
        const shown = await callInPage<string>(bidi, context, () => document.body.innerText).catch(() => '(unreadable)')
        throw new Error(`Still not true after ${WAIT_MS} ms: ${typeof what === 'string' ? what : what()}\nThe page shows:\n${shown.slice(0, 1500)}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  const find = async (target: Target) => {
    let found: string | null = null
    await until(`${describe(target)} is on the page`, async () => (found = await locate(target)) !== null)
    return found as unknown as string
  }
  const textOf = async (sharedId: string) => (await onNode<string>(sharedId, '(el) => el.textContent ?? ""')).result?.value ?? ''

  /**
   * Playwright-style actionability: the element is connected, enabled, in view, has kept its box
   * for a moment, and is what a click at its centre would hit. Pages re-render when the worker's
   * answer lands, and a click on a node being replaced does nothing.
   */
  const whyNotActionable = async (sharedId: string) => (await onNode<string>(sharedId, ACTIONABLE_IN_PAGE)).result?.value ?? 'unknown'

  const pressAt = (sharedId: string) =>
    bidi.send('input.performActions', {
      context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId } } },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    })

  /** Clicks once the element is actionable; a press that lands elsewhere is blocked and retried. */
  const click = async (target: Target) => {
    let why = 'not on the page'
    await until(() => `${describe(target)} can be clicked (last seen: ${why})`, async () => {
      const found = await locate(target)
      if (found === null) return false
      why = await whyNotActionable(found)
      if (why !== '') return false
      await onNode(found, GUARD_CLICK_IN_PAGE)
      await pressAt(found)
      const answer = await bidi.send<{ result?: { value?: string } }>('script.evaluate', {
        expression: 'window.__lanyardClickResult()',
        target: { context },
        awaitPromise: false,
      })
      why = answer.result?.value ?? 'no click'
      return why === ''
    })
  }

  return {
    find,
    click,
    async waitForText(target, text) {
      await until(`${describe(target)} shows "${text}"`, async () => {
        const element = await locate(target)
        return element !== null && (await textOf(element)).includes(text)
      })
    },
    async waitForGone(target) {
      await until(`${describe(target)} is gone`, async () => (await locate(target)) === null)
    },
    async type(target, text) {
      await click(target)
      const keys = [...text].flatMap((value) => [
        { type: 'keyDown', value },
        { type: 'keyUp', value },
      ])
      await bidi.send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions: keys }] })
    },
    text: async (target) => textOf(await find(target)),
  }
}
