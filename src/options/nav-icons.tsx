// Small line icons for the main navigation (issue 16): drawn in the text colour, hidden from
// assistive technology since the link text names each entry.
import type { ComponentChildren } from 'preact'

function Icon({ children }: { children: ComponentChildren }) {
  return (
    <svg class="nav-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      {children}
    </svg>
  )
}

export const AccountsIcon = () => (
  <Icon>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20c.8-3.6 3.4-5.5 6.5-5.5s5.7 1.9 6.5 5.5" />
    <path d="M15.5 4.8a3.5 3.5 0 0 1 0 6.4M18 14.8c1.8.8 3 2.5 3.5 5.2" />
  </Icon>
)

export const OverviewIcon = () => (
  <Icon>
    <rect x="3" y="3.5" width="7.5" height="7.5" rx="1.5" />
    <rect x="13.5" y="3.5" width="7.5" height="7.5" rx="1.5" />
    <rect x="3" y="13" width="7.5" height="7.5" rx="1.5" />
    <rect x="13.5" y="13" width="7.5" height="7.5" rx="1.5" />
  </Icon>
)

export const LockIcon = () => (
  <Icon>
    <rect x="4.5" y="10.5" width="15" height="10" rx="2" />
    <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
  </Icon>
)

export const BackupIcon = () => (
  <Icon>
    <path d="M12 3.5v11M7.5 10l4.5 4.5 4.5-4.5" />
    <path d="M4 15.5v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
  </Icon>
)
