/**
 * A short confirmation shown in the page after a clip made from the context menu or the
 * keyboard, when no popup is open to say what happened. Injected with scripting.executeScript
 * as a function, so it must be self-contained. It lives in a closed shadow root and writes
 * text only, so neither the page nor the message can inject markup.
 */
export function showToast(message: string, ok: boolean): void {
  const host = document.createElement('repertoire-toast');
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', ok ? 'status' : 'alert');
  box.textContent = message;
  box.style.cssText = [
    'position:fixed',
    'z-index:2147483647',
    'right:16px',
    'bottom:16px',
    'max-width:360px',
    'padding:10px 14px',
    'border-radius:8px',
    'font:14px/1.4 system-ui,sans-serif',
    'box-shadow:0 4px 16px rgba(0,0,0,.25)',
    `background:${ok ? '#14532d' : '#7f1d1d'}`,
    'color:#fff',
  ].join(';');
  root.append(box);
  document.documentElement.append(host);
  setTimeout(() => host.remove(), 6000);
}
