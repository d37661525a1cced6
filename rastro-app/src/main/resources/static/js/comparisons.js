// The partner's side of a comparison, in the browser: its list (a CSV it picks) is read, normalised and blinded
// here with the RFC 9497 OPRF (P256-SHA256, @noble/curves); only blinded points leave the machine. The server
// evaluates them once and sends its own items' OPRF outputs; the matches are found here. Items are normalised
// exactly as rastro-sharing's ItemList does, so the server and `rastro psi` see the same items.
import { p256_oprf } from '/vendor/noble/curves/nist.js';

const oprf = p256_oprf.oprf;
const encoder = new TextEncoder();
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (s) => Uint8Array.from(s.match(/../g), (h) => parseInt(h, 16));
// Java's String.strip() and \s: the whitespace ItemList collapses and trims.
const JAVA_SPACE = /[ \t\n\u000B\f\r]+/g;

/** ItemList.weapon: "S|MAKE|SERIAL", or null when the make or the serial's letters and digits are missing. */
export function weapon(make, serial) {
  const m = (make || '').trim().toUpperCase().replace(JAVA_SPACE, ' ');
  const s = (serial || '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return m && s ? `S|${m}|${s}` : null;
}

/** ItemList.lot: "L|LOT", or null. */
export function lot(number) {
  const l = (number || '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return l ? `L|${l}` : null;
}

/** The rows of a CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF), each with the line it starts on. */
export function csvRows(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push({ line: start, fields: row });
      row = [];
      field = '';
      line++;
      start = line;
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push({ line: start, fields: row });
  }
  // Blank lines are skipped, as the server's CSV reader does.
  return rows.filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
}

/** ItemList.read: the distinct items, or the problems (line and code) when any row is unreadable. */
export function readList(text) {
  const rows = csvRows(text);
  if (rows.length === 0) return { problems: [{ line: 0, problem: 'EMPTY' }] };
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  const lotAt = header.indexOf('lot');
  const makeAt = header.indexOf('make');
  const serialAt = header.indexOf('serial');
  if (lotAt < 0 && (makeAt < 0 || serialAt < 0)) return { problems: [{ line: 0, problem: 'HEADER' }] };
  const items = new Set();
  const problems = [];
  for (const r of rows.slice(1)) {
    const item = lotAt >= 0 ? lot(r.fields[lotAt]) : weapon(r.fields[makeAt], r.fields[serialAt]);
    if (item === null) problems.push({ line: r.line, problem: lotAt >= 0 ? 'LOT' : 'WEAPON' });
    else items.add(item);
  }
  return problems.length ? { problems } : { items: [...items] };
}

/** RFC 9497 Blind with a given blind scalar (for the published vectors): noble draws it from rng bytes. */
export function blindWith(input, blindHex) {
  const scalar = BigInt('0x' + blindHex);
  // mapHashToField(bytes) = bytes mod (n - 1) + 1: the bytes of scalar - 1 give back scalar.
  const bytes = fromHex((scalar - 1n).toString(16).padStart(96, '0'));
  const b = oprf.blind(input, () => bytes);
  return { blind: hex(b.blind), blinded: hex(b.blinded) };
}

/** RFC 9497 Finalize, for the published vectors. */
export function finalizeWith(input, blindHex, evaluatedHex) {
  return hex(oprf.finalize(input, fromHex(blindHex), fromHex(evaluatedHex)));
}

function say(form, key, ...values) {
  const template = form.dataset[key] || key;
  return template.replace(/\{(\d)\}/g, (_, i) => String(values[Number(i)]));
}

/** The application's base path (empty when served at the root). */
const base = (form) => form.dataset.base || '';

async function post(form, path, body) {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json',
      'Accept': 'application/json',
      'Accept-Language': document.documentElement.lang || 'es',
      [form.dataset.csrfHeader]: form.dataset.csrf,
    },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.detail || String(response.status));
  return json;
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.appendChild(td);
}

async function compare(form) {
  const status = form.querySelector('.status');
  const table = form.querySelector('table.matches');
  const body = table.querySelector('tbody');
  body.replaceChildren();
  table.hidden = true;
  const file = form.querySelector('input[type=file]').files[0];
  if (!file) {
    status.textContent = say(form, 'tNoFile');
    return;
  }
  const list = readList(await file.text());
  if (list.problems) {
    status.textContent = say(form, 'tUnreadable', list.problems.length)
      + list.problems.map((p) => ` ${say(form, 'tLine', p.line)}: ${say(form, 'tProblem' + p.problem)}`).join(';');
    return;
  }
  const cap = Number(form.dataset.cap);
  if (list.items.length > cap) {
    status.textContent = say(form, 'tOverCap', list.items.length, cap);
    return;
  }
  status.textContent = say(form, 'tWorking', list.items.length);
  try {
    const session = await post(form, `${base(form)}/comparisons/agreements/${form.dataset.agreement}/sessions`, {});
    const blinded = list.items.map((item) => oprf.blind(encoder.encode(item)));
    const answer = await post(form, `${base(form)}/comparisons/sessions/${session.session}`, {
      elements: blinded.map((b) => hex(b.blinded)),
    });
    const tokens = new Set(answer.tokens);
    const matches = [];
    list.items.forEach((item, i) => {
      const output = oprf.finalize(encoder.encode(item), blinded[i].blind, fromHex(answer.evaluated[i]));
      if (tokens.has(hex(output))) matches.push({ item, blind: hex(blinded[i].blind) });
    });
    status.textContent = say(form, 'tResult', matches.length, list.items.length, session.holderItems)
      + (answer.notice ? ' ' + answer.notice : '');
    const trace = form.querySelector('input[name=trace]')?.checked;
    for (const m of matches) {
      const row = document.createElement('tr');
      cell(row, m.item);
      if (trace && m.item.startsWith('S|')) {
        const [, make, serial] = m.item.split('|');
        const t = await post(form, `${base(form)}/comparisons/sessions/${session.session}/traces`, {
          make, serial, blind: m.blind,
        });
        cell(row, t.custodyStateLabel);
        cell(row, t.recoveries.map((r) => `${r.recoveredOn} ${r.state || ''}`.trim()).join('; ') || '—');
      } else {
        cell(row, '—');
        cell(row, '—');
      }
      body.appendChild(row);
    }
    table.hidden = matches.length === 0;
    form.dataset.done = 'true';
  } catch (e) {
    status.textContent = say(form, 'tRefused', e.message);
  }
}

document.querySelectorAll('form.browser-compare').forEach((form) => {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    compare(form);
  });
  form.dataset.ready = 'true';
});
