// The local mail server's inbox, read through smtp4dev's REST API at TICKETS_MAIL_URL (scripts/test.sh starts one for
// the browser host). People's mail is filed in its "Default" mailbox; mail to the support address in "Support".

/** The mails to `address` (oldest first): `{ id, subject, receivedDate }`. */
export async function mailsTo(mailURL, address) {
  const url = new URL('/api/messages', mailURL);
  url.searchParams.set('mailboxName', 'Default');
  url.searchParams.set('pageSize', '1000');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`smtp4dev answered ${response.status} to ${url}`);
  const { results } = await response.json();
  const wanted = address.toLowerCase();
  return results
    .filter((m) => m.to.some((to) => to.toLowerCase() === wanted))
    .sort((a, b) => Date.parse(a.receivedDate) - Date.parse(b.receivedDate));
}

/** A mail's text part, decoded. */
export const mailText = (mailURL, mail) => part(mailURL, mail, 'plaintext');

/** A mail's HTML part, decoded. */
export const mailHtml = (mailURL, mail) => part(mailURL, mail, 'html');

async function part(mailURL, mail, kind) {
  const response = await fetch(new URL(`/api/messages/${mail.id}/${kind}`, mailURL));
  if (!response.ok) throw new Error(`smtp4dev answered ${response.status} for the ${kind} of ${mail.id}`);
  return response.text();
}
