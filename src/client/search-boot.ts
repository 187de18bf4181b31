/**
 * The only search code every page loads (under 1 KB gzip): the header's Search link opens the search
 * dialog on click, `/` or Ctrl/Cmd+K, and the dialog's code (and through it Pagefind) loads only then.
 * Without JavaScript the link simply goes to the search page.
 */

/** True when a key press belongs to a field the reader is typing in. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/** Wires the header trigger and the keyboard shortcuts. */
export function bootSearch(): void {
  const trigger = document.querySelector<HTMLAnchorElement>('[data-search-open]');
  if (!trigger) return;
  const pageInput = () => document.querySelector<HTMLInputElement>('[data-search-page] input[type=search]');
  let dialog: Promise<typeof import('./search-dialog.ts')> | undefined;
  const load = () => (dialog ??= import('./search-dialog.ts'));
  const open = () => {
    // On the search page the page's own box is the search: go there instead of opening a dialog.
    const input = pageInput();
    if (input && !input.closest('[hidden]')) {
      input.focus();
      input.select();
      return;
    }
    load()
      .then((m) => m.openSearchDialog())
      .catch(() => location.assign(trigger.href));
  };
  // Still a link (to the search page, for a new tab), which now opens a dialog.
  trigger.setAttribute('aria-haspopup', 'dialog');
  trigger.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // new tab: follow the link
    e.preventDefault();
    open();
  });
  // Fetch the dialog's code as soon as the reader shows intent, so it opens without a wait.
  for (const ev of ['pointerenter', 'focus', 'touchstart'] as const) trigger.addEventListener(ev, () => void load().catch(() => {}), { once: true, passive: true });
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.isComposing) return;
    const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
    const k = (e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
    if (!slash && !k) return;
    e.preventDefault();
    open();
  });
}
