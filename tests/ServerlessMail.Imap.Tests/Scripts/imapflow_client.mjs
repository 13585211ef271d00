// Drives our IMAP server with imapflow (Node's IMAP client, pinned in tools/imapflow) over implicit TLS, as a Node mail
// client would. Prints one JSON object a line, {"step": NAME, ...}, and the protocol trace on stderr.
//
//   node imapflow_client.mjs TOOLDIR HOST PORT CAFILE USER      (the password in IMAPFLOW_TEST_PASSWORD)
//
// TOOLDIR holds the installed imapflow (tools/imapflow after `npm ci`); CAFILE is the PEM the server's certificate
// chains to, issued for "localhost". The INBOX starts with three messages, in this order: "Report" (plain text, from
// carol), "Photos" (multipart/mixed: a text part and a base64 image/png attachment), "Newsletter". After
// {"step":"idling"} (IDLE acknowledged with "+") the test delivers a message and the script waits for its EXISTS.
// Steps: capabilities, list, status, open, fetch, source, download, search, flags, append, copy, move, delete,
// create, rename, idling, idle, idle-fetch, logout. Any failure prints {"step":"error"} and exits 1.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [toolDir, host, port, cafile, user] = process.argv.slice(2);
const password = process.env.IMAPFLOW_TEST_PASSWORD;
const { ImapFlow } = createRequire(path.join(toolDir, 'package.json'))('imapflow');

const emit = (step, value = {}) => process.stdout.write(JSON.stringify({ step, ...value }) + '\n');
const base64 = (buffer) => Buffer.from(buffer).toString('base64');
const flagList = (flags) => [...(flags ?? [])].sort();

// imapflow masks LOGIN and AUTHENTICATE arguments in its trace; the replace is a second guard for the token.
const trace = (entry) => {
    if (entry?.src) {
        const who = { c: 'C', s: 'S' }[entry.src] ?? entry.src;
        process.stderr.write(`${who}: ${String(entry.msg).split(password).join('***')}\n`);
    }
};
const logger = {
    debug: (entry) => {
        trace(entry);
        // imapflow logs this when the server answers IDLE with "+" (commands/idle.js): the moment to deliver.
        if (String(entry?.msg).startsWith('Initiated IDLE')) {
            emit('idling');
        }
    },
    info: trace,
    warn: trace,
    error: trace,
};

const client = new ImapFlow({
    host,
    port: Number(port),
    secure: true,
    servername: 'localhost',
    tls: { ca: [readFileSync(cafile)], rejectUnauthorized: true },
    auth: { user, pass: password },
    logger,
    // Only the explicit IDLE below: an automatic one would race the commands and the delivery.
    disableAutoIdle: true,
});

async function main() {
    await client.connect();
    emit('capabilities', {
        names: [...client.capabilities.keys()].sort(),
        authenticated: client.authenticated,
        tls: client.tls && { version: client.tls.version, authorized: client.tls.authorized },
    });

    const list = await client.list();
    emit('list', { mailboxes: list.map((m) => ({ path: m.path, specialUse: m.specialUse ?? null, flags: flagList(m.flags) })) });

    const status = await client.status('INBOX', { messages: true, uidNext: true, uidValidity: true, unseen: true });
    emit('status', { messages: status.messages, uidNext: status.uidNext, unseen: status.unseen });

    const mailbox = await client.mailboxOpen('INBOX');
    emit('open', { path: mailbox.path, exists: mailbox.exists, uidValidity: Number(mailbox.uidValidity), readOnly: mailbox.readOnly, permanentFlags: flagList(mailbox.permanentFlags) });

    const messages = [];
    for await (const message of client.fetch('1:*', { uid: true, flags: true, envelope: true, bodyStructure: true, size: true, internalDate: true })) {
        const { envelope, bodyStructure } = message;
        messages.push({
            seq: message.seq,
            uid: message.uid,
            size: message.size,
            flags: flagList(message.flags),
            subject: envelope.subject,
            from: envelope.from.map((a) => a.address),
            fromName: envelope.from[0].name,
            messageId: envelope.messageId,
            date: envelope.date.toISOString(),
            type: bodyStructure.type,
            parts: (bodyStructure.childNodes ?? []).map((p) => ({ part: p.part, type: p.type, encoding: p.encoding, size: p.size, filename: p.dispositionParameters?.filename ?? null })),
        });
    }
    emit('fetch', { messages });
    const [report, photos, newsletter] = messages;

    const sources = [];
    for await (const message of client.fetch('1:*', { uid: true, source: true })) {
        sources.push({ uid: message.uid, source: base64(message.source) });
    }
    emit('source', { messages: sources });

    // download() reads BODY.PEEK[2] and decodes the part's base64, as a client saving an attachment does.
    const attachment = await client.download(String(photos.uid), '2', { uid: true });
    const chunks = [];
    for await (const chunk of attachment.content) {
        chunks.push(chunk);
    }
    emit('download', { contentType: attachment.meta.contentType, filename: attachment.meta.filename ?? null, content: base64(Buffer.concat(chunks)) });

    emit('search', {
        fromCarol: await client.search({ from: 'carol' }, { uid: true }),
        subject: await client.search({ subject: 'photos' }, { uid: true }),
        body: await client.search({ body: 'weekly' }, { uid: true }),
        unseen: await client.search({ seen: false }, { uid: true }),
        none: await client.search({ subject: 'no such subject' }, { uid: true }),
    });

    await client.messageFlagsAdd(String(report.uid), ['\\Seen', '\\Flagged', '$Important'], { uid: true });
    const added = await client.fetchOne(String(report.uid), { flags: true }, { uid: true });
    await client.messageFlagsRemove(String(report.uid), ['\\Seen'], { uid: true });
    const removed = await client.fetchOne(String(report.uid), { flags: true }, { uid: true });
    emit('flags', { added: flagList(added.flags), removed: flagList(removed.flags), seen: await client.search({ seen: true }, { uid: true }) });

    const draft = Buffer.from('From: Alice <alice@hosted.test>\r\nTo: bob@hosted.test\r\nSubject: Draft from imapflow\r\n'
        + 'Date: Sat, 05 Dec 2026 09:30:00 +0000\r\nMessage-ID: <draft-imapflow@hosted.test>\r\n\r\nNot sent yet.\r\n');
    const appended = await client.append('Drafts', draft, ['\\Draft', '\\Seen'], new Date('2026-12-05T09:30:00Z'));
    emit('append', { path: appended.destination, uid: appended.uid, uidValidity: Number(appended.uidValidity), source: base64(draft) });

    const copied = await client.messageCopy(String(report.uid), 'Archive', { uid: true });
    emit('copy', { path: copied.destination, uidMap: [...copied.uidMap] });
    const moved = await client.messageMove(String(photos.uid), 'Archive', { uid: true });
    emit('move', { path: moved.destination, uidMap: [...moved.uidMap], exists: client.mailbox.exists });

    const deleted = await client.messageDelete(String(newsletter.uid), { uid: true });
    emit('delete', { deleted, exists: client.mailbox.exists, left: await client.search({ all: true }, { uid: true }) });

    const created = await client.mailboxCreate('Reisepläne');
    const renamed = await client.mailboxRename('Reisepläne', 'Reisepläne 2027');
    emit('create', { path: created.path, created: created.created });
    emit('rename', { path: renamed.path, newPath: renamed.newPath });

    const exists = new Promise((resolve) => client.once('exists', resolve));
    const idle = client.idle();
    let timer;
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('no EXISTS within 30 s of IDLE')), 30_000); });
    const seen = await Promise.race([exists, timeout]).finally(() => clearTimeout(timer));
    emit('idle', { path: seen.path, count: seen.count, prevCount: seen.prevCount, idling: client.idling });

    // A command ends the IDLE (imapflow sends DONE first); the IDLE's own promise then settles.
    const delivered = await client.fetchOne('*', { uid: true, flags: true, envelope: true }, {});
    await idle;
    emit('idle-fetch', { uid: delivered.uid, subject: delivered.envelope.subject, flags: flagList(delivered.flags) });

    await client.logout();
    emit('logout', { usable: client.usable });
}

main().catch((error) => {
    emit('error', { message: String(error?.message ?? error), code: error?.code ?? null, response: error?.responseText ?? null });
    client.close();
    process.exitCode = 1;
});
