// ok-widget.js: the browser side of ok_widget::axum. A dependency-free ES module.
//
//   import { openWidget } from '/ok-widget.js';
//   const verdict = await openWidget(url, { relay: '/ok/relay/invite', token });
//
// openWidget opens a signed widget URL in a centred popup (or an iframe) and resolves with the
// server's verdict, { status, ok, body }. By postMessage (relay and token given), it forwards
// the message of the widget's window, and only of its window and origin, to the relay. By
// redirect (the URL has st.return), it waits for the verdict the return page (verdict_page)
// posts from this page's own origin. It never shows or trusts what the widget posted.

// Window sizes: OK's JS SDK centres a popup of its caller's size and publishes none; these fit
// OK's dialogs.
const SIZES = {
  WidgetMediatopicPost: [640, 480],
  WidgetInvite: [640, 600],
  WidgetSuggest: [640, 600],
};
const DEFAULT_SIZE = [640, 560];
const VERDICT = 'ok-widget-verdict';
// How long after the window is seen closed a message may still arrive.
const CLOSE_GRACE_MS = 300;

/** Why no verdict came: code 'blocked', 'closed', 'aborted', 'network' or 'options'. */
export class WidgetError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'WidgetError';
    this.code = code;
  }
}

/**
 * Opens the widget at `url` and resolves with the server's verdict.
 *
 * @param {string} url the signed widget URL
 * @param {object} [options]
 * @param {string} [options.relay] where to POST the postMessage result (postMessage mode)
 * @param {string} [options.token] the binding token the server gave this page (postMessage mode)
 * @param {[number, number]} [options.size] the popup's width and height
 * @param {Element} [options.iframe] open in an iframe appended to this element, not a popup
 * @param {AbortSignal} [options.signal] cancels: closes the window, rejects with 'aborted'
 * @returns {Promise<{status: number, ok: boolean, body: string}>}
 */
export function openWidget(url, options = {}) {
  return new Promise((resolve, reject) => {
    const target = new URL(url, location.href);
    const byMessage = options.relay !== undefined;
    const problem = byMessage
      ? target.searchParams.has('st.return')
        ? 'the URL has st.return: OK answers by redirect, give no relay'
        : !options.token && 'postMessage mode needs the binding token (options.token)'
      : target.searchParams.has('st.cmd') && !target.searchParams.has('st.return')
        ? 'the URL has no st.return: OK answers by postMessage, give relay and token'
        : false;
    if (problem) {
      reject(new WidgetError('options', problem));
      return;
    }
    // By postMessage, OK's window posts from the widget's origin; by redirect, the return page
    // posts from ours.
    const origin = byMessage ? target.origin : location.origin;
    let win = null;
    let frame = null;
    let timer = null;
    let answered = false;

    const cleanup = () => {
      removeEventListener('message', onMessage);
      clearInterval(timer);
      if (options.signal) options.signal.removeEventListener('abort', onAbort);
      if (frame) frame.remove();
      else if (win && !win.closed) win.close();
    };
    const settle = (verdict) => {
      cleanup();
      resolve(verdict);
    };
    const fail = (code, message) => {
      cleanup();
      reject(new WidgetError(code, message));
    };
    function onAbort() {
      fail('aborted', 'cancelled by the page');
    }

    function onMessage(event) {
      if (answered || event.source !== win || event.origin !== origin) return;
      if (byMessage) {
        answered = true;
        const result = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
        fetch(options.relay, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify({ result, token: options.token }),
        })
          .then(async (response) =>
            settle({ status: response.status, ok: response.ok, body: await response.text() }),
          )
          .catch(() => fail('network', 'the result could not be sent to ' + options.relay));
      } else {
        const verdict = event.data && event.data[VERDICT];
        if (!verdict || typeof verdict.status !== 'number' || typeof verdict.body !== 'string') {
          return;
        }
        answered = true;
        settle({
          status: verdict.status,
          ok: verdict.status >= 200 && verdict.status < 300,
          body: verdict.body,
        });
      }
    }

    addEventListener('message', onMessage);
    if (options.signal) {
      if (options.signal.aborted) {
        onAbort();
        return;
      }
      options.signal.addEventListener('abort', onAbort);
    }
    if (options.iframe) {
      frame = document.createElement('iframe');
      frame.src = target.href;
      frame.className = 'ok-widget-frame';
      options.iframe.appendChild(frame);
      win = frame.contentWindow;
      return;
    }
    // Centred over this window as OK's JS SDK centres its popups (widgetOpen, popupConfig).
    const [width, height] = options.size || SIZES[target.searchParams.get('st.cmd')] || DEFAULT_SIZE;
    const page = document.documentElement;
    const left = Math.round(
      (innerWidth || page.clientWidth || screen.width) / 2 - width / 2 + (screenLeft ?? screenX),
    );
    const top = Math.round(
      (innerHeight || page.clientHeight || screen.height) / 2 - height / 2 + (screenTop ?? screenY),
    );
    win = open(
      target.href,
      'ok-widget-' + Date.now(),
      `popup,width=${width},height=${height},left=${left},top=${top}`,
    );
    if (!win) {
      fail('blocked', 'the browser blocked the widget popup: open it from a click handler');
      return;
    }
    timer = setInterval(() => {
      if (!win.closed || answered) return;
      clearInterval(timer);
      setTimeout(() => {
        if (!answered) fail('closed', 'the widget window was closed before it answered');
      }, CLOSE_GRACE_MS);
    }, 250);
  });
}
