import { createAuthClient } from '@serverless-auth/client';

// The example app's page: sends people to the hosted sign-in, and once they are back, gets an access
// token from the service (cookie mode: the service's HttpOnly cookies carry the session) and calls
// the app's own API with it.
const SIGNED_IN = 'example-app:signed-in';

const status = document.getElementById('status') as HTMLElement;
const notes = document.getElementById('notes') as HTMLUListElement;
const signIn = document.getElementById('sign-in') as HTMLAnchorElement;
const signOut = document.getElementById('sign-out') as HTMLButtonElement;

const { authUrl } = (await (await fetch('config.json')).json()) as { authUrl: string };
const auth = createAuthClient({ baseUrl: authUrl, mode: 'cookie' });

// Send the user to sign in, and have them brought back here (the app's origin is in ALLOWED_ORIGINS).
signIn.href = `${authUrl}/?redirect_to=${encodeURIComponent(location.href)}`;
// Remembered so that a visitor who never signed in is not sent to the service only to hear "no".
signIn.addEventListener('click', () => localStorage.setItem(SIGNED_IN, '1'));

function showSignedOut(text: string): void {
  localStorage.removeItem(SIGNED_IN);
  status.textContent = text;
  notes.replaceChildren();
  signIn.hidden = false;
  signOut.hidden = true;
}

async function showNotes(): Promise<void> {
  const token = await auth.accessToken();
  if (token.error) {
    showSignedOut('You are not signed in.');
    return;
  }
  const answer = await fetch('api/notes', { headers: { authorization: `Bearer ${token.data}` } });
  if (!answer.ok) {
    showSignedOut('The app’s API did not accept the sign-in. Please sign in again.');
    return;
  }
  const body = (await answer.json()) as { username: string; notes: string[] };
  status.textContent = `Signed in as ${body.username}.`;
  notes.replaceChildren(...body.notes.map((note) => Object.assign(document.createElement('li'), { textContent: note })));
  signIn.hidden = true;
  signOut.hidden = false;
}

signOut.addEventListener('click', async () => {
  await auth.logout();
  showSignedOut('You have signed out.');
});

if (localStorage.getItem(SIGNED_IN) === '1') await showNotes();
else showSignedOut('You are not signed in.');
