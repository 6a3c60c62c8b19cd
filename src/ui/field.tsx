// A labelled text box bound to a signal; the visible label is its accessible name.
import type { Signal } from '@preact/signals'
import { useId } from 'preact/hooks'

interface Props {
  label: string
  value: Signal<string>
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'search'
  required?: boolean
  autoComplete?: string
  placeholder?: string
  hint?: string
}

export function TextField({ label, value, type = 'text', required = false, autoComplete, placeholder, hint }: Props) {
  const hintId = useId()
  return (
    <div class="field">
      <label class="field-box">
        <span class="field-label">{label}</span>
        <input
          // Preact 11 types each input `type` separately; one component for all text kinds needs the widening.
          type={type as 'text'}
          value={value}
          required={required}
          autoComplete={autoComplete}
          placeholder={placeholder}
          spellcheck={false}
          aria-describedby={hint ? hintId : undefined}
          onInput={(event) => (value.value = event.currentTarget.value)}
        />
      </label>
      {hint ? (
        <small id={hintId} class="muted">
          {hint}
        </small>
      ) : null}
    </div>
  )
}
