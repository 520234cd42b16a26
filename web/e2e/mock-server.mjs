// An in-memory stand-in for the Tickets API (DESIGN §3) that also serves the built front end,
// so the browser journeys can run without the .NET local host: `npm run test:e2e:mock`.
// It follows the contract closely enough for the journeys; it is not a second backend.
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
// Serve the app with the same headers Azure Static Web Apps will add, so the journeys also prove
// the CSP lets the app work. Over plain http, HSTS and upgrade-insecure-requests are left out.
const SWA_HEADERS = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(new URL('../public/staticwebapp.config.json', import.meta.url), 'utf8')).globalHeaders)
    .filter(([name]) => name !== 'Strict-Transport-Security')
    .map(([name, value]) => [name, value.replace(/;\s*upgrade-insecure-requests/, '')]),
);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

const now = () => new Date().toISOString();
const users = new Map();
const tickets = new Map();
const comments = new Map(); // ticketId -> []
const history = new Map(); // ticketId -> []
const notifications = [];
const accessTokens = new Map(); // token -> userId
const refreshTokens = new Map(); // token -> userId
let ticketSeq = 0;

function addUser(fields, role) {
  const user = { id: randomUUID(), ...fields, email: fields.email.toLowerCase(), role, active: true, createdAt: now(), updatedAt: now(), lastLoginAt: null };
  users.set(user.id, user);
  return user;
}
const publicUser = ({ password, ...u }) => u;
const nameOf = (u) => `${u.firstNames} ${u.lastNames}`;

addUser({ dni: '10000001', phone: '600000001', firstNames: 'Ada', lastNames: 'Admin', department: 'TI', email: 'admin@tickets.local', password: 'Admin123!demo' }, 'admin');
addUser({ dni: '10000002', phone: '600000002', firstNames: 'Tomás', lastNames: 'Técnico', department: 'Soporte', email: 'tech@tickets.local', password: 'Tech123!demo' }, 'technician');
addUser({ dni: '10000003', phone: '600000003', firstNames: 'Úrsula', lastNames: 'Usuaria', department: 'Ventas', email: 'user@tickets.local', password: 'User123!demo' }, 'user');

function problem(res, status, title, extra = {}) {
  send(res, status, { type: `https://tickets.local/problems/${status}`, title, status, traceId: randomUUID(), ...extra }, 'application/problem+json');
}
function send(res, status, body, type = 'application/json', headers = {}) {
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
function issueTokens(user) {
  const accessToken = randomBytes(24).toString('hex');
  const refreshToken = randomBytes(32).toString('hex');
  accessTokens.set(accessToken, user.id);
  refreshTokens.set(refreshToken, user.id);
  return { accessToken, tokenType: 'Bearer', expiresIn: 900, refreshToken, user: publicUser(user) };
}
function validateRegistration(b) {
  const errors = {};
  if (!/^\d{5,15}$/.test(b.dni ?? '')) errors.dni = ['El DNI debe tener entre 5 y 15 dígitos.'];
  if (!/^[\d +\-()]{7,20}$/.test(b.phone ?? '')) errors.phone = ['Teléfono no válido.'];
  for (const f of ['firstNames', 'lastNames', 'department']) if (!b[f] || b[f].length > 100) errors[f] = ['Obligatorio (1–100).'];
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b.email ?? '')) errors.email = ['Correo no válido.'];
  if (!b.password || b.password.length < 10 || b.password.length > 128) errors.password = ['Entre 10 y 128 caracteres.'];
  return errors;
}
function event(ticket, type, actor, data) {
  history.get(ticket.id).push({ id: randomUUID(), ticketId: ticket.id, type, actor: actor ? { id: actor.id, name: nameOf(actor) } : 'system', at: now(), data });
}
function notify(recipientIds, type, ticket, actor) {
  for (const id of new Set(recipientIds)) {
    if (!id || id === actor.id) continue;
    notifications.push({ id: randomUUID(), recipientId: id, type, ticketId: ticket.id, ticketNumber: ticket.number, title: ticket.title, message: type, createdAt: now(), readAt: null });
  }
}
const isStaff = (u) => u.role === 'technician' || u.role === 'admin';
const canSee = (u, t) => !t.deleted && (isStaff(u) || t.requester.id === u.id);

function allowed(u, t) {
  const isAssignee = t.assignee?.id === u.id;
  const admin = u.role === 'admin';
  const requester = t.requester.id === u.id;
  const agent = isAssignee || admin;
  const list = [];
  const add = (status, ok, requiresNote = false) => ok && list.push({ status, requiresNote });
  switch (t.status) {
    case 'open':
      add('in_progress', agent);
      add('resolved', agent, true);
      add('closed', admin || (requester && !t.assignee));
      break;
    case 'in_progress':
      add('on_hold', agent);
      add('resolved', agent, true);
      break;
    case 'on_hold':
      add('in_progress', agent);
      add('resolved', agent, true);
      break;
    case 'resolved':
      add('closed', requester || admin);
      add('in_progress', requester || agent);
      break;
    case 'closed':
      add('open', admin);
      break;
  }
  return list;
}

function page(items, url) {
  const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 25)));
  const start = Number(url.searchParams.get('cursor') ?? 0);
  const slice = items.slice(start, start + limit);
  const body = { items: slice, nextCursor: start + limit < items.length ? String(start + limit) : null };
  if (url.searchParams.get('includeTotal') === 'true') body.total = items.length;
  return body;
}
const fold = (s) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

async function readJson(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  if (!raw) return {};
  return JSON.parse(raw);
}

async function api(req, res, url) {
  const path = url.pathname.replace(/^\/api/, '');
  const method = req.method;
  let body = {};
  if (method !== 'GET' && method !== 'DELETE') {
    try {
      body = await readJson(req);
    } catch {
      return problem(res, 400, 'Malformed JSON');
    }
  }
  if (path === '/health') return send(res, 200, { status: 'ok' });
  if (method === 'POST' && path === '/auth/register') {
    const errors = validateRegistration(body);
    if (Object.keys(errors).length) return problem(res, 400, 'Validation failed', { errors });
    if ([...users.values()].some((u) => u.email === body.email.toLowerCase())) return problem(res, 409, 'Duplicate', { errors: { email: ['Ya existe una cuenta con este correo.'] } });
    if ([...users.values()].some((u) => u.dni === body.dni)) return problem(res, 409, 'Duplicate', { errors: { dni: ['Ya existe una cuenta con este DNI.'] } });
    const { dni, phone, firstNames, lastNames, department, email, password } = body;
    return send(res, 201, { user: publicUser(addUser({ dni, phone, firstNames, lastNames, department, email, password }, 'user')) });
  }
  if (method === 'POST' && path === '/auth/login') {
    const user = [...users.values()].find((u) => u.email === String(body.email ?? '').toLowerCase());
    if (!user || user.password !== body.password || !user.active) return problem(res, 401, 'Invalid credentials');
    user.lastLoginAt = now();
    return send(res, 200, issueTokens(user));
  }
  if (method === 'POST' && path === '/auth/refresh') {
    const userId = refreshTokens.get(body.refreshToken);
    refreshTokens.delete(body.refreshToken);
    const user = users.get(userId);
    if (!user || !user.active) return problem(res, 401, 'Invalid refresh token');
    return send(res, 200, issueTokens(user));
  }
  if (method === 'POST' && path === '/auth/logout') {
    refreshTokens.delete(body.refreshToken);
    return send(res, 204);
  }

  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  const me = users.get(accessTokens.get(token));
  if (!me || !me.active) return problem(res, 401, 'Unauthorized');

  if (method === 'GET' && path === '/me') return send(res, 200, { user: publicUser(me) });

  if (path === '/users' || path.startsWith('/users/')) {
    if (me.role !== 'admin') return problem(res, 403, 'Forbidden');
    if (method === 'GET' && path === '/users') {
      const q = fold(url.searchParams.get('q') ?? '');
      const roles = url.searchParams.get('role')?.split(',');
      const active = url.searchParams.get('active');
      const list = [...users.values()]
        .filter((u) => !roles || roles.includes(u.role))
        .filter((u) => active === null || String(u.active) === active)
        .filter((u) => !q || fold(`${nameOf(u)} ${u.email} ${u.dni}`).includes(q))
        .map(publicUser);
      return send(res, 200, page(list, url));
    }
    if (method === 'POST' && path === '/users') {
      const errors = validateRegistration(body);
      if (Object.keys(errors).length) return problem(res, 400, 'Validation failed', { errors });
      return send(res, 201, { user: publicUser(addUser(body, body.role ?? 'user')) });
    }
    const target = users.get(path.split('/')[2]);
    if (!target) return problem(res, 404, 'Not found');
    if (method === 'PATCH') {
      Object.assign(target, Object.fromEntries(Object.entries(body).filter(([k]) => ['role', 'active', 'department', 'phone', 'firstNames', 'lastNames'].includes(k))), { updatedAt: now() });
      if (!target.active) {
        for (const [t, id] of accessTokens) if (id === target.id) accessTokens.delete(t);
        for (const [t, id] of refreshTokens) if (id === target.id) refreshTokens.delete(t);
      }
      return send(res, 200, { user: publicUser(target) });
    }
    return send(res, 200, { user: publicUser(target) });
  }

  if (method === 'GET' && path === '/notifications') {
    const mine = notifications.filter((n) => n.recipientId === me.id).reverse();
    const list = url.searchParams.get('unread') === 'true' ? mine.filter((n) => !n.readAt) : mine;
    return send(res, 200, { ...page(list, url), unreadCount: mine.filter((n) => !n.readAt).length });
  }
  if (method === 'POST' && path === '/notifications/read-all') {
    notifications.filter((n) => n.recipientId === me.id).forEach((n) => (n.readAt ??= now()));
    return send(res, 204);
  }
  if (method === 'POST' && /^\/notifications\/[^/]+\/read$/.test(path)) {
    const n = notifications.find((x) => x.id === path.split('/')[2] && x.recipientId === me.id);
    if (n) n.readAt ??= now();
    return send(res, 204);
  }
  if (method === 'GET' && path === '/stats') {
    if (!isStaff(me)) return problem(res, 403, 'Forbidden');
    const all = [...tickets.values()].filter((t) => !t.deleted);
    const count = (key) => all.reduce((acc, t) => ((acc[t[key]] = (acc[t[key]] ?? 0) + 1), acc), {});
    const perDay = {};
    all.forEach((t) => (perDay[t.createdAt.slice(0, 10)] = (perDay[t.createdAt.slice(0, 10)] ?? 0) + 1));
    return send(res, 200, {
      byStatus: count('status'),
      byPriority: count('priority'),
      openPerAssignee: [],
      sla: { met: 3, breached: 1, compliancePercent: 75 },
      meanMinutesToFirstResponse: 42,
      meanMinutesToResolution: 610,
      createdPerDay: Object.entries(perDay).map(([date, c]) => ({ date, count: c })),
    });
  }

  if (method === 'GET' && path === '/tickets') {
    const p = url.searchParams;
    const q = fold(p.get('q') ?? '');
    const statuses = p.get('status')?.split(',');
    const priorities = p.get('priority')?.split(',');
    const assignee = p.get('assigneeId');
    const requester = p.get('requesterId');
    const from = p.get('createdFrom');
    const to = p.get('createdTo');
    const list = [...tickets.values()]
      .filter((t) => canSee(me, t))
      .filter((t) => !statuses || statuses.includes(t.status))
      .filter((t) => !priorities || priorities.includes(t.priority))
      .filter((t) => !assignee || (assignee === 'none' ? !t.assignee : t.assignee?.id === (assignee === 'me' ? me.id : assignee)))
      .filter((t) => !requester || t.requester.id === (requester === 'me' ? me.id : requester))
      .filter((t) => !from || t.createdAt >= from)
      .filter((t) => !to || t.createdAt <= to)
      .filter((t) => !q || fold(`${t.number} ${t.title} ${t.description}`).includes(q))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number.localeCompare(a.number));
    return send(res, 200, page(list, url));
  }
  if (method === 'POST' && path === '/tickets') {
    const errors = {};
    if (!body.title || body.title.length < 3 || body.title.length > 200) errors.title = ['Entre 3 y 200 caracteres.'];
    if (!body.description) errors.description = ['Obligatoria.'];
    if (body.priority && !['low', 'medium', 'high', 'critical'].includes(body.priority)) errors.priority = ['Prioridad no válida.'];
    if (Object.keys(errors).length) return problem(res, 400, 'Validation failed', { errors });
    const created = now();
    const hours = { critical: [1, 4], high: [4, 24], medium: [8, 72], low: [24, 120] }[body.priority ?? 'medium'];
    const at = (h) => new Date(Date.now() + h * 3_600_000).toISOString();
    const t = {
      id: randomUUID(), number: `TCK-${String(++ticketSeq).padStart(6, '0')}`, title: body.title, description: body.description,
      priority: body.priority ?? 'medium', category: null, status: 'open',
      requester: { id: me.id, name: nameOf(me), department: me.department }, assignee: null,
      createdAt: created, updatedAt: created, firstResponseAt: null, resolvedAt: null, closedAt: null, commentCount: 0,
      sla: { policy: body.priority ?? 'medium', firstResponseDueAt: at(hours[0]), resolutionDueAt: at(hours[1]), firstResponseBreached: false, resolutionBreached: false, escalationLevel: 0, pausedAt: null },
      etag: `"${randomUUID()}"`,
    };
    tickets.set(t.id, t);
    comments.set(t.id, []);
    history.set(t.id, []);
    event(t, 'created', me, { after: { title: t.title, priority: t.priority } });
    return send(res, 201, t, 'application/json', { Location: `/api/tickets/${t.id}`, ETag: t.etag });
  }

  const m = path.match(/^\/tickets\/([^/]+)(?:\/(\w+))?$/);
  if (!m) return problem(res, 404, 'Not found');
  const t = tickets.get(m[1]) ?? [...tickets.values()].find((x) => x.number === m[1]);
  if (!t || !canSee(me, t)) return problem(res, 404, 'Not found');
  const sub = m[2];
  const touch = () => ((t.updatedAt = now()), (t.etag = `"${randomUUID()}"`));

  if (!sub && method === 'GET') return send(res, 200, t, 'application/json', { ETag: t.etag });
  if (!sub && method === 'PATCH') {
    if (req.headers['if-match'] && req.headers['if-match'] !== t.etag) return problem(res, 412, 'Precondition failed');
    const before = {};
    const after = {};
    for (const k of ['title', 'description', 'priority']) if (body[k] !== undefined && body[k] !== t[k]) ((before[k] = t[k]), (after[k] = body[k]), (t[k] = body[k]));
    touch();
    event(t, 'priority' in after && Object.keys(after).length === 1 ? 'priority_changed' : 'updated', me, { before, after });
    return send(res, 200, t);
  }
  if (!sub && method === 'DELETE') {
    t.deleted = true;
    return send(res, 204);
  }
  if (sub === 'transitions') return send(res, 200, { current: t.status, allowed: allowed(me, t) });
  if (sub === 'history') return send(res, 200, page(history.get(t.id).filter((e) => isStaff(me) || !e.data?.internal), url));
  if (sub === 'comments' && method === 'GET') return send(res, 200, page(comments.get(t.id).filter((c) => !c.internal || isStaff(me)), url));
  if (sub === 'comments' && method === 'POST') {
    if (!body.body) return problem(res, 400, 'Validation failed', { errors: { body: ['Obligatorio.'] } });
    const c = { id: randomUUID(), ticketId: t.id, author: { id: me.id, name: nameOf(me), role: me.role }, body: body.body, internal: !!body.internal && isStaff(me), createdAt: now() };
    comments.get(t.id).push(c);
    t.commentCount++;
    if (isStaff(me) && !c.internal) t.firstResponseAt ??= c.createdAt;
    touch();
    event(t, 'commented', me, { internal: c.internal });
    if (!c.internal) notify([t.requester.id, t.assignee?.id], 'ticket_commented', t, me);
    return send(res, 201, c);
  }
  if (sub === 'assignee' && method === 'PUT') {
    const target = body.assigneeId ? users.get(body.assigneeId) : null;
    if (me.role !== 'admin' && !(isStaff(me) && !t.assignee && body.assigneeId === me.id)) return problem(res, 403, 'Forbidden');
    if (body.assigneeId && (!target || !isStaff(target) || !target.active)) return problem(res, 400, 'Validation failed', { errors: { assigneeId: ['No es un técnico activo.'] } });
    const before = t.assignee;
    t.assignee = target ? { id: target.id, name: nameOf(target) } : null;
    touch();
    event(t, 'assigned', me, { before: { assignee: before }, after: { assignee: t.assignee } });
    if (target) notify([target.id], 'ticket_assigned', t, me);
    return send(res, 200, t);
  }
  if (sub === 'status' && method === 'PUT') {
    const move = allowed(me, t).find((a) => a.status === body.status);
    if (!move) return problem(res, 409, 'Transition not allowed', { detail: `${t.status} → ${body.status}`, allowed: allowed(me, t) });
    if (move.requiresNote && !body.note) return problem(res, 400, 'Validation failed', { errors: { note: ['Obligatoria.'] } });
    const from = t.status;
    t.status = body.status;
    if (t.status === 'resolved') t.resolvedAt = now();
    if (t.status === 'closed') t.closedAt = now();
    if (isStaff(me)) t.firstResponseAt ??= now();
    touch();
    event(t, 'status_changed', me, { before: { status: from }, after: { status: t.status }, note: body.note ?? null });
    notify([t.requester.id, t.assignee?.id], 'status_changed', t, me);
    return send(res, 200, t);
  }
  return problem(res, 405, 'Method not allowed');
}

function serveStatic(res, url) {
  let file = normalize(join(DIST, decodeURIComponent(url.pathname)));
  if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...SWA_HEADERS });
  createReadStream(file).pipe(res);
}

export function startMockServer(port = 0) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      api(req, res, url).catch((err) => problem(res, 500, String(err)));
    } else serveStatic(res, url);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startMockServer(Number(process.env.PORT ?? 7071));
  console.log(`mock API + web at http://127.0.0.1:${server.address().port}`);
}
