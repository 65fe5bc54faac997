import type { MfaStatus, TotpEnrolment } from '@serverless-auth/client';
import { alertLine, field, formValues, h, whileBusy } from '../dom';
import type { AccountSection, Page } from '../page';
import { secondFactorField, secondFactorOf } from '../second-factor';

/**
 * Two-step verification with an authenticator app (TOTP): turning it on (a QR code, and the secret as
 * text for typing in by hand), the recovery codes (shown once, to copy or download), new ones, and
 * turning it off. Each change asks for the password (and, once it is on, a code): the service's step-up.
 */

/** The secret in groups of four, as apps show it for typing in. */
const grouped = (secret: string): string => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** The recovery codes, shown this once, with a way to copy them and to save them as a file. */
function recoveryCodesPanel(page: Page, codes: string[], done: () => void): HTMLElement {
  const text = `${page.config.name} recovery codes\nEach works once. Keep them somewhere safe.\n\n${codes.join('\n')}\n`;
  const status = h('p', { class: 'muted small', role: 'status', id: 'recovery-codes-status' });
  const copy = h('button', { type: 'button', class: 'secondary compact' }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = 'Copied.';
    } catch {
      status.textContent = 'This browser would not copy them: select the codes and copy them by hand, or download them.';
    }
  });
  const download = h(
    'a',
    {
      class: 'secondary compact button-link',
      href: `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`,
      download: 'recovery-codes.txt',
    },
    'Download',
  );
  const saved = h('button', { type: 'button', class: 'primary' }, 'I have saved them');
  saved.addEventListener('click', done);
  return h(
    'div',
    { class: 'stack', id: 'recovery-codes' },
    h(
      'p',
      {},
      'Your recovery codes. If you lose your phone, each of these signs you in once instead of a code. They are shown only now.',
    ),
    h(
      'ul',
      { class: 'recovery-codes', 'aria-label': 'Recovery codes' },
      ...codes.map((code) => h('li', {}, h('code', {}, code))),
    ),
    h('div', { class: 'actions' }, copy, download),
    status,
    saved,
  );
}

/** The enrolment: scan (or type) the secret, then confirm with the first code the app shows. */
function enrolmentPanel(page: Page, enrolment: TotpEnrolment, container: HTMLElement): HTMLElement {
  const error = alertLine('totp-confirm-error');
  const form = h(
    'form',
    { class: 'stack', novalidate: true, 'aria-label': 'Confirm your authenticator app' },
    field({
      id: 'totp-confirm-code',
      label: 'The 6-digit code the app shows',
      name: 'code',
      autocomplete: 'one-time-code',
      attributes: { inputmode: 'numeric', maxlength: '7', spellcheck: 'false' },
    }),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Turn on'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const code = (formValues(form).code ?? '').replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      error.textContent = 'Enter the 6-digit code your authenticator app shows.';
      return;
    }
    const confirmed = await whileBusy(form, () => page.auth.confirmTotp({ code }));
    if (confirmed.error) {
      error.textContent = page.failed(confirmed.error);
      return;
    }
    page.notify('Two-step verification is on.', 'success');
    container.replaceChildren(recoveryCodesPanel(page, confirmed.data, () => page.reload()));
  });
  return h(
    'div',
    { class: 'stack' },
    h('p', {}, 'Scan this QR code with your authenticator app, or type the key into it.'),
    h('img', {
      class: 'qr',
      src: `data:image/svg+xml;base64,${btoa(enrolment.qrSvg)}`,
      alt: 'QR code for your authenticator app',
      width: '200',
      height: '200',
    }),
    h('p', {}, 'Key: ', h('code', { id: 'totp-secret', 'data-secret': enrolment.secret }, grouped(enrolment.secret))),
    form,
  );
}

/** Password (and code, when replacing) to start; the answer is the enrolment panel. */
function startForm(page: Page, container: HTMLElement, enabled: boolean): HTMLFormElement {
  const error = alertLine('totp-start-error');
  const form = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      'aria-label': enabled ? 'Set up a new authenticator app' : 'Turn on two-step verification',
    },
    field({
      id: 'totp-start-password',
      label: 'Your password',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
    }),
    enabled ? secondFactorField('totp-start-second-factor') : null,
    error,
    h(
      'button',
      { type: 'submit', class: enabled ? 'secondary' : 'primary' },
      enabled ? 'Use a new app' : 'Set up an authenticator app',
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const { password = '', secondFactor } = formValues(form);
    if (password === '') {
      error.textContent = 'Enter your password.';
      return;
    }
    const started = await whileBusy(form, () => page.auth.startTotp({ password, ...secondFactorOf(secondFactor) }));
    if (started.error) {
      error.textContent = page.failed(started.error);
      return;
    }
    container.replaceChildren(enrolmentPanel(page, started.data, container));
  });
  return form;
}

/** A change that needs the password and a code: new recovery codes, or turning it off. */
function provenForm(
  options: { id: string; label: string; button: string; danger?: boolean },
  run: (proof: { password: string; code?: string; recoveryCode?: string }) => Promise<boolean>,
): HTMLFormElement {
  const error = alertLine(`${options.id}-error`);
  const form = h(
    'form',
    { class: 'stack', novalidate: true, 'aria-label': options.label },
    field({
      id: `${options.id}-password`,
      label: 'Your password',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
    }),
    secondFactorField(`${options.id}-second-factor`),
    error,
    h('button', { type: 'submit', class: options.danger ? 'danger' : 'secondary' }, options.button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const { password = '', secondFactor } = formValues(form);
    if (password === '') {
      error.textContent = 'Enter your password.';
      return;
    }
    const failure = await whileBusy(form, async () => {
      try {
        return (await run({ password, ...secondFactorOf(secondFactor) })) ? '' : 'Something went wrong. Please try again.';
      } catch (caught) {
        return caught instanceof Error ? caught.message : String(caught);
      }
    });
    error.textContent = failure;
  });
  return form;
}

function enabledView(page: Page, status: MfaStatus, container: HTMLElement): HTMLElement[] {
  const fail = (message: string): never => {
    throw new Error(message);
  };
  const replace = provenForm(
    { id: 'recovery-codes-new', label: 'New recovery codes', button: 'Get new recovery codes' },
    async (proof) => {
      const result = await page.auth.replaceRecoveryCodes(proof);
      if (result.error) return fail(page.failed(result.error));
      container.replaceChildren(recoveryCodesPanel(page, result.data, () => page.reload()));
      return true;
    },
  );
  const off = provenForm(
    { id: 'totp-off', label: 'Turn off two-step verification', button: 'Turn off', danger: true },
    async (proof) => {
      const result = await page.auth.disableTotp(proof);
      if (result.error) return fail(page.failed(result.error));
      page.notify('Two-step verification is off.', 'success');
      page.reload();
      return true;
    },
  );
  return [
    h(
      'p',
      { id: 'two-step-status' },
      'On: signing in asks for a code from your authenticator app after your password. ',
      `${status.recoveryCodesLeft} recovery code${status.recoveryCodesLeft === 1 ? '' : 's'} left.`,
    ),
    h('h3', {}, 'New recovery codes'),
    replace,
    h('h3', {}, 'A new phone'),
    startForm(page, container, true),
    h('h3', {}, 'Turn off'),
    off,
  ];
}

export const twoStepSection: AccountSection = {
  id: 'two-step',
  title: 'Two-step verification',
  render(page) {
    const container = h('div', { class: 'stack', 'aria-busy': 'true' });
    void page.auth.mfaStatus().then((result) => {
      container.removeAttribute('aria-busy');
      if (result.error) {
        container.replaceChildren(h('p', { class: 'error', role: 'alert' }, page.failed(result.error)));
        return;
      }
      if (result.data.enabled) container.replaceChildren(...enabledView(page, result.data, container));
      else
        container.replaceChildren(
          h(
            'p',
            { id: 'two-step-status' },
            'Off. With it on, signing in also asks for a code from an authenticator app on your phone.',
          ),
          startForm(page, container, false),
        );
    });
    return container;
  },
};
