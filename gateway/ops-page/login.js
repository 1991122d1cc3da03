// Signs in: the key goes to /ops/session as JSON (the gateway refuses form posts, a CSRF vector) and
// comes back sealed in an HttpOnly cookie this script cannot read.
'use strict';

document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = new FormData(event.target).get('key');
  const response = await fetch('/ops/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  if (response.ok) return location.assign('/ops');
  const answer = await response.json().catch(() => ({}));
  document.getElementById('message').textContent = answer.message ?? `Sign-in failed (${response.status}).`;
});
