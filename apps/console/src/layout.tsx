import type { ComponentChildren } from 'preact';
import type { Identity } from './api/session';
import { hashOf } from './routing/hash-location';
import { sections, type SectionId } from './sections';

interface LayoutProps {
  identity: Identity;
  current: SectionId | undefined;
  onSignOut: () => void;
  children: ComponentChildren;
}

export function Layout({ identity, current, onSignOut, children }: LayoutProps) {
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(event) => {
          // A hash link would change the route: move the focus instead.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Mnemo</span>
        <span class="who">
          <span title={identity.projectId}>{identity.projectName}</span>
          <span class="badge">{identity.isAdmin ? 'admin' : identity.role.toLowerCase()}</span>
          <span class="muted">{identity.email}</span>
        </span>
        <button type="button" class="quiet" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav class="sections" aria-label="Sections">
        <ul>
          {sections
            .filter((section) => section.allowed(identity))
            .map((section) => (
              <li key={section.id}>
                <a
                  href={hashOf([section.id])}
                  aria-current={section.id === current ? 'page' : undefined}
                >
                  {section.label}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
