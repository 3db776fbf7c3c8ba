// The Stancegraph viewer: search, a Cytoscape.js graph of neighbourhoods, and a
// side panel with the evidence behind a node or an edge (docs/viewer.md).
//
// Everything the database says is untrusted news text: it reaches the page only
// through textContent (el() below), never innerHTML.
'use strict';

const KINDS = ['Person', 'State', 'Organization', 'Position'];
const RELATIONS = ['HOLDS_OFFICE', 'MEMBER_OF', 'SUPPORTS', 'OPPOSES', 'PROPOSES', 'MEETS',
  'COOPERATES_WITH', 'CRITICIZES', 'THREATENS', 'SANCTIONS', 'ATTACKS'];
const TONE_COLOURS = { positive: '#2e7d32', negative: '#c62828', neutral: '#90a4ae' };
const KIND_STYLE = {
  Person: ['ellipse', '#5c6bc0'], State: ['round-rectangle', '#00897b'],
  Organization: ['hexagon', '#8d6e63'], Position: ['diamond', '#f9a825'],
  Article: ['rectangle', '#9e9e9e'], Source: ['tag', '#9e9e9e'],
};

const state = { root: null, expanded: [], pending: 0 };
const $ = (id) => document.getElementById(id);

// ----- DOM, text only

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function setStatus(text) {
  $('status').textContent = text;
}

// ----- API

async function api(path) {
  state.pending++;
  try {
    const res = await fetch(path);
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || res.statusText);
    return body;
  } finally {
    state.pending--;
  }
}

function filterQuery() {
  const params = new URLSearchParams();
  const kinds = checkedValues('filter-kinds');
  const relations = checkedValues('filter-relations');
  if (kinds.length < KINDS.length) params.set('kinds', kinds.join(','));
  if (relations.length < RELATIONS.length) params.set('relations', relations.join(','));
  if ($('since').value) params.set('since', $('since').value);
  if ($('until').value) params.set('until', $('until').value);
  return params.toString();
}

function checkedValues(fieldset) {
  return [...$(fieldset).querySelectorAll('input:checked')].map((i) => i.value);
}

// ----- Graph

function graphStyle() {
  const style = [
    { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom',
      'text-margin-y': 3, width: 22, height: 22, 'text-wrap': 'ellipsis', 'text-max-width': 120 } },
    { selector: 'node.root', style: { 'border-width': 3, 'border-color': '#263238' } },
    { selector: 'node.expanded', style: { 'border-width': 2, 'border-color': '#546e7a' } },
    { selector: 'edge', style: { width: 'mapData(claims, 1, 10, 1.5, 6)', 'curve-style': 'bezier',
      'target-arrow-shape': 'triangle', label: 'data(relation)', 'font-size': 7,
      'text-rotation': 'autorotate', color: '#455a64' } },
    { selector: ':selected', style: { 'overlay-opacity': 0.15 } },
  ];
  for (const [kind, [shape, colour]] of Object.entries(KIND_STYLE)) {
    style.push({ selector: `node[kind = "${kind}"]`, style: { shape, 'background-color': colour } });
  }
  for (const [tone, colour] of Object.entries(TONE_COLOURS)) {
    style.push({ selector: `edge[tone = "${tone}"]`,
      style: { 'line-color': colour, 'target-arrow-color': colour } });
  }
  return style;
}

const cy = cytoscape({ container: $('graph'), style: graphStyle(), maxZoom: 1.5, minZoom: 0.1 });

function runLayout() {
  cy.layout({ name: 'cose', animate: false, randomize: true, fit: true, padding: 40,
    nodeRepulsion: () => 400000, idealEdgeLength: () => 110, edgeElasticity: () => 100,
    nodeOverlap: 20, gravity: 60, numIter: 1000 }).run();
}

// Adds the elements not yet drawn; returns how many nodes were new.
function addElements(elements) {
  const fresh = (e) => cy.getElementById(e.data.id).empty();
  const nodes = elements.nodes.filter(fresh);
  cy.add(nodes.map((n) => ({ group: 'nodes', data: n.data })));
  cy.add(elements.edges.filter(fresh).map((e) => ({ group: 'edges', data: e.data })));
  return nodes.length;
}

async function neighbourhood(id) {
  const query = filterQuery();
  return api(`/api/neighborhood/${id}${query ? '?' + query : ''}`);
}

async function loadRoot(id) {
  const hood = await neighbourhood(id);
  cy.elements().remove();
  state.root = id;
  state.expanded = [id];
  addElements(hood.elements);
  cy.getElementById(String(id)).addClass('root expanded');
  runLayout();
  setStatus(`${cy.nodes().length} nodes, ${cy.edges().length} edges` +
    (hood.truncated ? ' (truncated)' : ''));
}

async function expand(id) {
  const hood = await neighbourhood(id);
  const added = addElements(hood.elements);
  if (!state.expanded.includes(id)) state.expanded.push(id);
  cy.getElementById(String(id)).addClass('expanded');
  if (added) runLayout();
  setStatus(`expanded: ${added} new node(s); ${cy.nodes().length} nodes, ${cy.edges().length} edges`);
}

// Redraws the root and every expanded node under the current filters.
async function reload() {
  if (state.root === null) return;
  const expanded = state.expanded.slice(1);
  await loadRoot(state.root);
  for (const id of expanded) {
    if (!cy.getElementById(String(id)).empty()) await expand(id);
  }
}

// ----- Side panel

function panel(title) {
  $('panel-title').textContent = title;
  const body = $('panel-body');
  clear(body);
  return body;
}

function addRow(table, key, value) {
  const row = el('tr');
  row.append(el('td', key), el('td', value));
  table.append(row);
}

function nodeDetails(node) {
  const table = el('table', null, 'props');
  addRow(table, 'kind', node.kind);
  if (node.code) addRow(table, 'code', node.code);
  if (node.aliases.length) addRow(table, 'aliases', node.aliases.join(', '));
  for (const [k, v] of Object.entries(node.properties)) addRow(table, k, v);
  return table;
}

function outletsText(claim) {
  const cited = claim.sources.map((s) => s.name + (s.date ? ` (${s.date})` : ''));
  const parts = [];
  if (cited.length) parts.push('cites ' + cited.join('; '));
  if (claim.publisher) parts.push('published by ' + claim.publisher);
  return parts.join(' · ');
}

function claimBlock(claim, tone, lead) {
  const block = el('div', null, `claim ${tone || ''}`);
  if (lead) block.append(el('div', lead, 'meta'));
  block.append(el('p', claim.sentence || `(${claim.rule})`, 'sentence'));
  if (claim.polarity < 0) block.append(el('span', 'negated', 'negated'));
  block.append(el('div', `${claim.date || 'undated'} · ${outletsText(claim)}`, 'meta outlets'));
  block.append(el('div', `article ${claim.article}`, 'meta'));
  return block;
}

async function showNode(id) {
  const node = await api(`/api/node/${id}`);
  const body = panel(node.name);
  body.append(nodeDetails(node));
  if (['Person', 'State', 'Organization'].includes(node.kind)) await showStances(id, body);
  if (node.kind === 'Position') await showTimeline(id, body);
}

async function showStances(id, body) {
  const st = await api(`/api/stances/${id}`);
  if (!st.stances.length) return;
  body.append(el('h3', `Stances: ${st.counts.SUPPORTS} for, ${st.counts.OPPOSES} against, ` +
    `${st.counts.PROPOSES} proposed`));
  const list = el('ul');
  for (const s of st.stances) {
    const item = el('li', `${s.edge.relation} ${s.position.name} (${s.edge.claims})`);
    item.className = `tone-text ${s.edge.tone}`;
    list.append(item);
  }
  body.append(list);
}

async function showTimeline(id, body) {
  const tl = await api(`/api/timeline/${id}`);
  if (!tl.claims.length) return;
  body.append(el('h3', 'Timeline'));
  for (const c of tl.claims) {
    const tone = c.relation === 'OPPOSES' ? 'negative' : 'positive';
    body.append(claimBlock(c, tone, `${c.actor.name} ${c.stance}`));
  }
}

async function showEdge(data) {
  const ev = await api(`/api/edge/${data.source}/${data.relation}/${data.target}/claims`);
  const body = panel(`${ev.source.name} ${ev.edge.relation} ${ev.target.name}`);
  const dates = ev.edge.first_date === ev.edge.last_date ? ev.edge.first_date
    : `${ev.edge.first_date} – ${ev.edge.last_date}`;
  body.append(el('p', `${ev.edge.claims} claim(s) in ${ev.edge.articles} article(s)` +
    (dates ? `, ${dates}` : ''), 'meta'));
  if (ev.edge.outlets.length) body.append(el('p', 'outlets: ' + ev.edge.outlets.join(', '), 'meta'));
  const list = el('div', null, 'claims');
  for (const c of ev.claims) list.append(claimBlock(c, ev.edge.tone));
  body.append(list);
}

// ----- Search

async function search(event) {
  event.preventDefault();
  const q = $('search').value.trim();
  if (!q) return;
  const params = new URLSearchParams({ q, limit: '30' });
  if ($('search-kind').value) params.set('kind', $('search-kind').value);
  const found = await api(`/api/search?${params}`);
  const list = $('results');
  clear(list);
  if (!found.results.length) list.append(el('li', 'no match', 'hint'));
  for (const hit of found.results) list.append(resultItem(hit));
  setStatus(`${found.results.length} result(s)${found.truncated ? ', more not shown' : ''}`);
}

function resultItem(hit) {
  const item = el('li', hit.name);
  item.dataset.id = hit.id;
  item.append(el('span', hit.kind, 'kind'));
  if (hit.matched && hit.matched !== hit.name) item.append(el('span', `as “${hit.matched}”`, 'alias'));
  item.tabIndex = 0;
  item.addEventListener('click', () => guarded(async () => {
    document.querySelectorAll('#results li').forEach((li) => li.classList.remove('current'));
    item.classList.add('current');
    await loadRoot(hit.id);
    await showNode(hit.id);
  }));
  item.addEventListener('keydown', (e) => { if (e.key === 'Enter') item.click(); });
  return item;
}

// ----- Wiring

function guarded(fn) {
  return Promise.resolve().then(fn).catch((err) => setStatus('error: ' + err.message));
}

function addCheckboxes(fieldset, values) {
  for (const value of values) {
    const box = el('input');
    box.type = 'checkbox';
    box.value = value;
    box.checked = true;
    box.addEventListener('change', () => guarded(reload));
    const label = el('label');
    label.append(box, document.createTextNode(' ' + value));
    $(fieldset).append(label);
  }
}

function wire() {
  addCheckboxes('filter-kinds', KINDS);
  addCheckboxes('filter-relations', RELATIONS);
  for (const id of ['since', 'until']) $(id).addEventListener('change', () => guarded(reload));
  $('search-form').addEventListener('submit', (e) => guarded(() => search(e)));
  cy.on('tap', 'node', (e) => guarded(async () => {
    const id = Number(e.target.id());
    await expand(id);
    await showNode(id);
  }));
  cy.on('tap', 'edge', (e) => guarded(() => showEdge(e.target.data())));
}

wire();
// For the end-to-end test: the graph, and whether requests are in flight.
window.sgViewer = { cy, busy: () => state.pending > 0 };
