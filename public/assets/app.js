// The sign-in page's script. It never reads or stores a token: the HttpOnly cookies set by /login
// carry the session (the refresh cookie is sent to /refresh only), and every request goes to a
// relative URL on this origin, so the page also works under an API Gateway stage prefix.
'use strict';

const status = document.getElementById('status');
/** Shown while signed out, and while signed in, respectively. */
const signedOutSections = ['signup-section', 'signin-section'].map((id) => document.getElementById(id));
const signedInSections = ['sessions-section', 'password-section'].map((id) => document.getElementById(id));
const sessionList = document.getElementById('session-list');

/** Who the cookie belongs to, as /verify last said; null when signed out. */
let signedInAs = null;

function showStatus(text, signedIn) {
  status.textContent = text;
  status.classList.toggle('signed-in', signedIn);
}

function showError(id, text) {
  document.getElementById(id).textContent = text;
}

function clearErrors() {
  for (const id of ['session-error', 'sessions-error', 'password-error']) showError(id, '');
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

/** The one refresh in flight: a refresh credential works once, so two at a time would revoke the session. */
let refreshing = null;

/**
 * Trades the refresh cookie for fresh cookies (POST /refresh). The browser sends that cookie to
 * /refresh only, and the page never sees it or the new tokens in the answer. True when it worked.
 */
function refreshSession() {
  refreshing ??= post('refresh')
    .then((result) => result.ok)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * A call that needs the signed-in session. On a 401 (the access token expired, and with it its
 * cookie) it refreshes the session once and tries again.
 */
async function signedInCall(method, path, body) {
  const result = await api(method, path, body);
  if (result.status !== 401 || !(await refreshSession())) return result;
  return api(method, path, body);
}

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

function showSections(signedIn) {
  for (const section of signedOutSections) section.hidden = signedIn;
  for (const section of signedInSections) section.hidden = !signedIn;
}

function showSignedIn(username) {
  signedInAs = username;
  showStatus(`Signed in as ${username}.`, true);
  showSections(true);
}

function showSignedOut(text) {
  signedInAs = null;
  showStatus(text, false);
  showSections(false);
  sessionList.replaceChildren();
}

/** Asks /verify who the cookie belongs to (refreshing an expired session first) and says so. */
async function whoAmI() {
  clearErrors();
  try {
    const result = await signedInCall('POST', 'verify');
    if (result.ok) {
      const data = await result.response.json();
      showSignedIn(data.username);
      await loadSessions();
    } else if (result.status === 401) {
      showSignedOut('Not signed in.');
    } else {
      showError('session-error', await errorMessage(result));
    }
  } catch {
    showError('session-error', 'Could not reach the service.');
  }
}

const when = (iso) => new Date(iso).toLocaleString();

function detail(list, term, text, iso) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  if (iso === undefined) {
    dd.textContent = text;
  } else {
    const time = document.createElement('time');
    time.dateTime = iso;
    time.textContent = text;
    dd.append(time);
  }
  list.append(dt, dd);
}

/** One session as a list item, built with DOM calls only (the user agent is the client's own text). */
function sessionItem(session, index) {
  const item = document.createElement('li');
  item.className = session.current ? 'session current' : 'session';

  const device = document.createElement('p');
  device.className = 'session-device';
  device.id = `session-${index}-device`;
  device.textContent = session.userAgent ?? 'Unknown device';
  if (session.current) {
    const badge = document.createElement('span');
    badge.className = 'session-badge';
    badge.textContent = 'This session';
    device.append(badge);
  }

  const details = document.createElement('dl');
  detail(details, 'Signed in', when(session.createdAt), session.createdAt);
  detail(details, 'Last used', when(session.lastUsedAt), session.lastUsedAt);
  detail(details, 'IP address', session.ip ?? 'unknown');

  const revoke = document.createElement('button');
  revoke.type = 'button';
  revoke.textContent = session.current ? 'Revoke (signs you out here)' : 'Revoke';
  revoke.setAttribute('aria-describedby', device.id);
  revoke.addEventListener('click', () => revokeSession(session));

  item.append(device, details, revoke);
  return item;
}

/** Lists the user's live sessions (GET /sessions). */
async function loadSessions() {
  showError('sessions-error', '');
  try {
    const result = await signedInCall('GET', 'sessions');
    if (result.status === 401) {
      showSignedOut('Not signed in.');
      return;
    }
    if (!result.ok) {
      showError('sessions-error', await errorMessage(result));
      return;
    }
    const data = await result.response.json();
    sessionList.replaceChildren(...data.sessions.map(sessionItem));
  } catch {
    showError('sessions-error', 'Could not reach the service.');
  }
}

async function revokeSession(session) {
  showError('sessions-error', '');
  try {
    const result = await signedInCall('DELETE', `sessions/${encodeURIComponent(session.id)}`);
    if (result.ok && session.current) {
      showSignedOut('Signed out.');
      return;
    }
    if (result.ok) {
      showStatus(`Session revoked. Signed in as ${signedInAs}.`, true);
    } else if (result.status === 401) {
      showSignedOut('Not signed in.');
      return;
    } else {
      showError('sessions-error', await errorMessage(result));
    }
    await loadSessions();
  } catch {
    showError('sessions-error', 'Could not reach the service.');
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
    // The body also holds the tokens (for non-browser clients); they are left unread on purpose.
    form.reset();
    await whoAmI();
  } catch {
    showError('signin-error', 'Could not reach the service.');
  }
});

document.getElementById('whoami').addEventListener('click', whoAmI);

document.getElementById('signout').addEventListener('click', async () => {
  clearErrors();
  try {
    const result = await signedInCall('POST', 'logout');
    if (result.ok) showSignedOut('Signed out.');
    else if (result.status === 401) showSignedOut('Not signed in.');
    else showError('session-error', await errorMessage(result));
  } catch {
    showError('session-error', 'Could not reach the service.');
  }
});

document.getElementById('refresh-sessions').addEventListener('click', loadSessions);

document.getElementById('signout-everywhere').addEventListener('click', async () => {
  showError('sessions-error', '');
  try {
    const result = await signedInCall('POST', 'logout-all');
    if (result.ok) {
      const { revoked } = await result.response.json();
      showSignedOut(`Signed out everywhere (${revoked} ${revoked === 1 ? 'session' : 'sessions'} ended).`);
    } else if (result.status === 401) {
      showSignedOut('Not signed in.');
    } else {
      showError('sessions-error', await errorMessage(result));
    }
  } catch {
    showError('sessions-error', 'Could not reach the service.');
  }
});

document.getElementById('password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  showError('password-error', '');
  try {
    const result = await signedInCall('POST', 'password', fields(form));
    if (result.status === 401) {
      showSignedOut('Not signed in.');
      return;
    }
    if (!result.ok) {
      showError('password-error', await errorMessage(result));
      return;
    }
    form.reset();
    showStatus(`Password changed; every other session was signed out. Signed in as ${signedInAs}.`, true);
    await loadSessions();
  } catch {
    showError('password-error', 'Could not reach the service.');
  }
});

whoAmI();
