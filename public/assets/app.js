// The sign-in page's script. It never reads or stores the token: the HttpOnly cookie set by
// /login carries the session, and every request goes to a relative URL on this origin, so the page
// also works under an API Gateway stage prefix.
'use strict';

const status = document.getElementById('status');

function showStatus(text, signedIn) {
  status.textContent = text;
  status.classList.toggle('signed-in', signedIn);
}

function showError(id, text) {
  document.getElementById(id).textContent = text;
}

/**
 * Calls the API at a relative path (no leading slash, so a stage prefix is kept); `body`, if any, is
 * sent as JSON. Resolves to { ok, status, response }.
 */
async function api(method, path, body) {
  // Always JSON, even without a body: the server refuses cookie-carrying requests of any other type (CSRF).
  const init = { method, credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  return { ok: response.ok, status: response.status, response };
}

const post = (path, body) => api('POST', path, body);

/** The API's own explanation of a failure, from its JSON `message`. */
async function errorMessage(result) {
  try {
    const data = await result.response.json();
    if (data && typeof data.message === 'string') return data.message;
  } catch {
    // Not JSON (e.g. a gateway error page): fall through to the status.
  }
  return `Request failed (HTTP ${result.status})`;
}

/** Asks /verify who the cookie belongs to and says so. */
async function whoAmI() {
  showError('session-error', '');
  try {
    const result = await post('verify');
    if (result.ok) {
      const data = await result.response.json();
      showStatus(`Signed in as ${data.username}.`, true);
    } else if (result.status === 401) {
      showStatus('Not signed in.', false);
    } else {
      showError('session-error', await errorMessage(result));
    }
  } catch {
    showError('session-error', 'Could not reach the service.');
  }
}

function fields(form) {
  return Object.fromEntries(new FormData(form).entries());
}

document.getElementById('signup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  showError('signup-error', '');
  try {
    const result = await post('register', fields(form));
    if (!result.ok) {
      showError('signup-error', await errorMessage(result));
      return;
    }
    const username = form.elements.username.value;
    form.reset();
    document.getElementById('signin-username').value = username;
    showStatus(`Account ${username} created. You can sign in now.`, false);
    document.getElementById('signin-password').focus();
  } catch {
    showError('signup-error', 'Could not reach the service.');
  }
});

document.getElementById('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  showError('signin-error', '');
  try {
    const result = await post('login', fields(form));
    if (!result.ok) {
      showError('signin-error', await errorMessage(result));
      return;
    }
    // The body also holds the token (for non-browser clients); it is left unread on purpose.
    form.reset();
    await whoAmI();
  } catch {
    showError('signin-error', 'Could not reach the service.');
  }
});

document.getElementById('whoami').addEventListener('click', whoAmI);

document.getElementById('signout').addEventListener('click', async () => {
  showError('session-error', '');
  try {
    const result = await post('logout');
    if (result.ok) showStatus('Signed out.', false);
    else if (result.status === 401) showStatus('Not signed in.', false);
    else showError('session-error', await errorMessage(result));
  } catch {
    showError('session-error', 'Could not reach the service.');
  }
});

whoAmI();
