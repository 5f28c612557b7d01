/*
 * dashboard.js - the pages of benchdb's dashboard (docs/serve.md).
 *
 * Every figure comes from the server: GET /api/overview, POST /api/query
 * (the query language's JSON) and GET /api/chart.svg (the SVG renderer).
 * This file only arranges them and adds a little interaction: hover, zoom,
 * filters, links. Names reach the page as text only (textContent, never
 * parsed as markup), and charts are parsed as SVG documents the server escaped;
 * the page's Content-Security-Policy runs no inline script either.
 */
'use strict';

const app = document.getElementById('app');
const statusLine = document.getElementById('status');

/* ---- small helpers ------------------------------------------------------ */

/* el('a', {href: '#/'}, 'text', child...): an element; strings become text
 * nodes, attributes are set as attributes (never as HTML). */
function el(tag, attrs, ...children) {
	const e = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === undefined || v === null || v === false) continue;
		if (k === 'class') e.className = v;
		else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
		else e.setAttribute(k, v === true ? '' : v);
	}
	for (const c of children.flat(Infinity)) {
		if (c === undefined || c === null || c === false) continue;
		e.append(c instanceof Node ? c : document.createTextNode(String(c)));
	}
	return e;
}

function clear(node) {
	while (node.firstChild) node.removeChild(node.firstChild);
	return node;
}

/* A name as a quoted string of the query language ("a \"b\""). */
function quote(name) {
	return '"' + String(name).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/* A run id as a message shows it: a control character (a NUL of a link
 * mangled in a chat, which no run id holds) as its \u escape. */
function idText(id) {
	return String(id).replace(/[\u0000-\u001f\u007f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/* Whether the store has a run of id (no id with a NUL is asked for: the
 * server's 400 for it is an error in the browser's console). */
async function runExists(id) {
	return !id.includes('\u0000') && (await getJSON('/api/runs', {id: id})).rows.length > 0;
}

function tagsText(tags) {
	if (!tags || typeof tags !== 'object') return tags ? String(tags) : '';
	return Object.keys(tags).map((k) => k + '=' + tags[k]).join(',');
}

/* A value the server sent as text (names, times, the overview's cells).
 * Numbers of query results are never formatted here: the server writes
 * them as the CLI's table does (/api/query?display=1, row.display). */
function cellText(v) {
	if (v === null || v === undefined) return '-';
	if (typeof v === 'object') return tagsText(v);
	return String(v);
}

/* Cell c of a query result's row as the CLI's table shows it. */
function shown(row, c) {
	return row.display && c in row.display ? row.display[c] : cellText(row[c]);
}

/* '#/page?k=v...' without the empty parameters (but those named in keep). */
function hashLink(page, params, keep) {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params || {}))
		if (v !== undefined && v !== null && (v !== '' || (keep && keep.includes(k)))) q.set(k, v);
	const s = q.toString();
	return '#/' + page + (s ? '?' + s : '');
}

/* baseline: the baseline its chart compares with ('' none), when not the
 * series page's default (main). */
function seriesLink(point, tags, metric, baseline) {
	const p = {point: point, metric: metric, exact: '1', baseline: baseline};
	for (const [k, v] of Object.entries(tags || {})) p['tag.' + k] = v;
	return hashLink('series', p, typeof baseline === 'string' ? ['baseline'] : null);
}

/* A link to run id's page, in a table a column of its own width (style sheet: a.run). */
function runLink(id) {
	return el('a', {class: 'run', href: hashLink('run', {id: id})}, id);
}

/* The label of a series: point, then its tags in grey. */
function seriesLabel(point, tags) {
	const t = tagsText(tags);
	return [el('span', {class: 'point'}, point), t ? el('span', {class: 'tags'}, t) : null];
}

/* A commit as git log --oneline shows it and the CLI's tables do: a hash
 * (7 or more hex digits) longer than 10 shows its first 10; the rest is in
 * the text but not shown, so that a double click selects, and copying
 * takes, the whole hash, and hovering shows it (its title). Other commits
 * (a tag, "-") whole. */
function commitCode(commit) {
	const c = commit === null || commit === undefined ? '-' : String(commit);
	if (c.length <= 10 || !/^[0-9a-fA-F]{7,}$/.test(c)) return el('code', {}, c);
	return el('code', {class: 'commit', title: c}, c.slice(0, 10), el('span', {class: 'hash-rest'}, c.slice(10)));
}

class ApiError extends Error {
	constructor(status, body) {
		super((body && body.error) || 'HTTP ' + status);
		this.status = status;
		this.body = body;
	}
}

/* GET path?params, or POST body to it when a body is given. */
async function getText(path, params, body) {
	const url = path + (params ? '?' + new URLSearchParams(params).toString() : '');
	const init = {headers: {Accept: 'application/json'}};
	if (body !== undefined) {
		init.method = 'POST';
		init.headers['Content-Type'] = 'text/plain; charset=utf-8';
		init.body = body;
	}
	const r = await fetch(url, init);
	const text = await r.text();
	if (!r.ok) {
		let body = null;
		try { body = JSON.parse(text); } catch (e) { body = {error: text || 'HTTP ' + r.status}; }
		throw new ApiError(r.status, body);
	}
	return {text: text, type: r.headers.get('Content-Type') || ''};
}

async function getJSON(path, params) {
	return JSON.parse((await getText(path, params)).text);
}

/* The end of the JSON value that starts text[i] ('{' or '['), or -1. */
function jsonEnd(text, i) {
	let depth = 0, inString = false;
	for (let j = i; j < text.length; j++) {
		const c = text[j];
		if (inString) {
			if (c === '\\') j++;
			else if (c === '"') inString = false;
		} else if (c === '"') {
			inString = true;
		} else if (c === '{' || c === '[') {
			depth++;
		} else if ((c === '}' || c === ']') && --depth === 0) {
			return j + 1;
		}
	}
	return -1;
}

/* The answers of /api/query, one a statement, in the script's order: a
 * JSON object (a line starting with '{' that is one, with its statement)
 * or, of a statement with a format (`as csv`, `as svg`), its text. A
 * script may mix them: `show runs; show runs as csv`. */
function splitAnswers(text) {
	const parts = [];
	let i = 0, textStart = 0;
	const textUpTo = (end) => {
		const t = text.slice(textStart, end).replace(/^\n+/, '');
		if (t.trim()) parts.push({text: t});
	};
	while (i < text.length) {
		const end = text[i] === '{' ? jsonEnd(text, i) : -1;
		let obj = null;
		if (end > 0) {
			try { obj = JSON.parse(text.slice(i, end)); } catch (e) { obj = null; }
		}
		if (obj && typeof obj.statement === 'string') {
			textUpTo(i);
			parts.push(obj);
			i = textStart = end;
			continue;
		}
		const nl = text.indexOf('\n', i);
		i = nl < 0 ? text.length : nl + 1;
	}
	textUpTo(text.length);
	return parts;
}

/* A statement goes as the body of POST /api/query: as q= a console's
 * script longer than the request target's 16 KiB would be refused (414). */
async function query(statement) {
	return splitAnswers((await getText('/api/query', {display: '1'}, statement)).text);
}

async function queryOne(statement) {
	return (await query(statement))[0];
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/* Parses an SVG document the server rendered into a node of this page. Its
 * <style> goes before parsing (the page's policy allows no inline style,
 * and its style sheet carries the same rules: bdb_chart_style). */
function importSvg(text) {
	text = text.replace(/<style>[^<]*<\/style>\n?/, '');
	if (!/xmlns=/.test(text.slice(0, 200))) text = text.replace('<svg', '<svg xmlns="' + SVG_NS + '"');
	const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
	const root = doc.documentElement;
	if (!root || root.namespaceURI !== SVG_NS) return el('span', {class: 'muted'}, '(no chart)');
	for (const s of root.querySelectorAll('style, script, foreignObject')) s.remove();
	return document.importNode(root, true);
}

/* The chart of statement, drawn as wide as the page's chart box when that is
 * narrower than its 720 px: a phone's box (276 px) shrank the chart, its
 * labels to 4 px. */
async function chart(statement) {
	const box = document.documentElement.clientWidth - 84; /* main's and the card's padding */
	const params = box < 720 ? {q: statement, width: Math.max(240, box)} : {q: statement};
	const r = await getText('/api/chart.svg', params);
	return importSvg(r.text);
}

function errorBox(e) {
	return el('p', {class: 'error'}, e instanceof ApiError ? e.message : 'error: ' + e);
}

/* A table of rows' columns; opts: numeric (a Set of columns aligned right,
 * as numbers are), labels (a column's header for a person), cell, rowClass. */
function table(columns, rows, opts) {
	opts = opts || {};
	/* A column of numbers is aligned right whole, its '-' cells too. */
	const numbers = new Set(columns.filter((c) => rows.some((row) => typeof row[c] === 'number')));
	const numeric = (c) => numbers.has(c) || (opts.numeric && opts.numeric.has(c));
	const head = el('tr', {}, columns.map((c) => el('th', {class: numeric(c) ? 'num' : null},
		(opts.labels && opts.labels[c]) || c)));
	const body = el('tbody');
	for (const row of rows) {
		const tr = el('tr', {class: opts.rowClass ? opts.rowClass(row) : null});
		for (const c of columns) {
			const custom = opts.cell && opts.cell(c, row);
			const td = el('td', {class: numeric(c) ? 'num' : c === 'timestamp' ? 'when' : null});
			td.append(custom !== undefined && custom !== null ? custom : shown(row, c));
			tr.append(td);
		}
		body.append(tr);
	}
	return el('table', {class: 'data'}, el('thead', {}, head), body);
}

function verdictClass(v) {
	v = String(v || '');
	return v.startsWith('regression') ? 'regression' : v.startsWith('improvement') ? 'improvement' : null;
}

function setStatus(text) {
	statusLine.textContent = text;
}

/* ---- hover and zoom on a chart ------------------------------------------ */

/* "run r, commit c, 2026-10-01T02:00:00Z: value ..." -> its parts (a run
 * without a commit: "run r, 2026-10-01T02:00:00Z: value"; commit null). */
function parseDotTitle(t) {
	const m = /^run (.*?), (?:commit (.*), )?(\d{4}-\d\d-\d\dT[^:]*:\d\d:\d\dZ): (.*)$/.exec(t);
	return m ? {run: m[1], commit: m[2] === undefined ? null : m[2], time: m[3], value: m[4]} : null;
}

/* Hover, or the keyboard: the dot's run, commit and value in readout (the
 * SVG's <title> is the browser's own tooltip as well). The chart is a stop
 * of Tab: the arrows step through its runs (up and down through its
 * series), Home and End to the first and the newest, Enter opens the run;
 * readout is a live region, so that a screen reader says each (the SVG is
 * one image to it). Zoom: a drag across the chart keeps the runs inside it
 * (onZoom(since, until)); from the keyboard, Shift with the arrows (or Home,
 * End) marks runs from the one read out, the readout saying the window,
 * Enter zooms to them, Escape drops the mark, "-" shows all runs again
 * (onZoom('', '')). */
function interact(box, readout, onZoom) {
	readout.setAttribute('aria-live', 'polite');
	box.tabIndex = 0;
	/* An application to a screen reader: its keys reach the chart (in
	 * browse mode the reader took the arrows), and a label (a div's own
	 * is not read). */
	box.setAttribute('role', 'application');
	box.setAttribute('aria-roledescription', 'chart');
	box.setAttribute('aria-label', 'chart: the arrow keys step through its runs, Enter opens the run read out'
		+ (onZoom ? '; to zoom, Shift with the arrows marks runs, Enter zooms to them, minus shows all runs' : ''));
	const show = (dot) => {
		const title = dot.querySelector('title');
		const d = title && parseDotTitle(title.textContent);
		for (const h of box.querySelectorAll('circle.hot')) h.classList.remove('hot');
		dot.classList.add('hot');
		clear(readout);
		/* Of several series (small multiples cut their titles), the dot's. */
		const series = dot.closest('g.series');
		if (series && box.querySelectorAll('g.series').length > 1)
			readout.append(el('span', {class: 'hover-series'}, series.getAttribute('data-label')), ': ');
		if (d) {
			readout.append('run ', el('a', {href: hashLink('run', {id: d.run})}, d.run),
				...(d.commit === null ? [] : [', commit ', el('code', {}, d.commit)]), ', ', d.time, ': ', el('b', {}, d.value));
		} else if (title) {
			readout.append(title.textContent);
		}
	};
	box.addEventListener('mouseover', (ev) => {
		const dot = ev.target.closest && ev.target.closest('circle.pt');
		if (dot) show(dot);
	});
	/* The series' dots, each series' in the order of its runs. */
	const groups = () => {
		const gs = Array.from(box.querySelectorAll('g.series')).map((g) => Array.from(g.querySelectorAll('circle.pt')));
		return gs.length ? gs.filter((g) => g.length) : [Array.from(box.querySelectorAll('circle.pt'))];
	};
	box.addEventListener('focus', () => {
		const gs = groups();
		if (!box.querySelector('circle.pt.hot') && gs.length && gs[0].length) show(gs[0][gs[0].length - 1]);
	});
	/* The runs marked to zoom to (Shift with the arrows): the series' dots,
	 * the one the mark began at, and its brush; null when none is. */
	let marked = null;
	const unmark = () => {
		if (marked) marked.brush.remove();
		marked = null;
	};
	const times = (dots) => dots.map((dot) => {
		const t = dot.querySelector('title');
		const d = t && parseDotTitle(t.textContent);
		return d ? d.time : null;
	}).filter((t) => t !== null).sort();
	const mark = (dots, from, to) => {
		const lo = Math.min(from, to), hi = Math.max(from, to);
		const r = box.getBoundingClientRect();
		const a = dots[lo].getBoundingClientRect(), b = dots[hi].getBoundingClientRect();
		if (!marked) {
			marked = {dots: dots, from: from, brush: el('div', {class: 'brush'})};
			box.append(marked.brush);
		}
		marked.brush.style.left = (a.left - r.left + box.scrollLeft) + 'px';
		marked.brush.style.width = (b.right - a.left) + 'px';
		const id = (dot) => (parseDotTitle(dot.querySelector('title').textContent) || {run: '?'}).run;
		const t = times(dots.slice(lo, hi + 1));
		clear(readout).append('runs ' + id(dots[lo]) + ' to ' + id(dots[hi]) + ' marked (' + (hi - lo + 1) + (hi > lo ? ' runs, ' : ' run, ')
			+ t[0] + ' to ' + t[t.length - 1] + '): Enter zooms to them, Escape drops the mark');
	};
	box.addEventListener('keydown', (ev) => {
		const gs = groups();
		const hot = box.querySelector('circle.pt.hot');
		let g = Math.max(0, gs.findIndex((dots) => dots.includes(hot)));
		if (!gs.length || !gs[g].length) return;
		let i = Math.max(0, gs[g].indexOf(hot));
		if (onZoom && marked && (ev.key === 'Enter' || ev.key === 'Escape')) {
			ev.preventDefault();
			const lo = Math.min(marked.from, i), hi = Math.max(marked.from, i);
			const t = times(marked.dots.slice(lo, hi + 1));
			unmark();
			if (ev.key === 'Escape') show(hot);
			else if (t.length) onZoom(t[0], t[t.length - 1]);
			return;
		}
		if (onZoom && ev.key === '-') {
			ev.preventDefault();
			onZoom('', '');
			return;
		}
		if (ev.key === 'Enter') {
			const a = readout.querySelector('a');
			if (a && hot) a.click();
			return;
		}
		const from = i;
		if (ev.key === 'ArrowRight') i = Math.min(i + 1, gs[g].length - 1);
		else if (ev.key === 'ArrowLeft') i = Math.max(i - 1, 0);
		else if (ev.key === 'Home') i = 0;
		else if (ev.key === 'End') i = gs[g].length - 1;
		else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
			g = ev.key === 'ArrowDown' ? Math.min(g + 1, gs.length - 1) : Math.max(g - 1, 0);
			i = Math.min(i, gs[g].length - 1);
		} else {
			return;
		}
		ev.preventDefault();
		const along = ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp';
		if (onZoom && ev.shiftKey && along) {
			if (marked && marked.dots[0] !== gs[g][0]) unmark(); /* another series' */
			show(gs[g][i]);
			mark(gs[g], marked ? marked.from : from, i);
			return;
		}
		unmark();
		show(gs[g][i]);
	});
	if (!onZoom) return;
	let start = null;
	let brush = null;
	box.addEventListener('mousedown', (ev) => {
		if (ev.button !== 0) return;
		const r = box.getBoundingClientRect();
		start = ev.clientX;
		brush = el('div', {class: 'brush'});
		brush.style.left = (ev.clientX - r.left + box.scrollLeft) + 'px';
		brush.style.width = '0px';
		box.append(brush);
		ev.preventDefault();
	});
	box.addEventListener('mousemove', (ev) => {
		if (start === null) return;
		const r = box.getBoundingClientRect();
		const a = Math.min(start, ev.clientX);
		brush.style.left = (a - r.left + box.scrollLeft) + 'px';
		brush.style.width = Math.abs(ev.clientX - start) + 'px';
	});
	const finish = (ev) => {
		if (start === null) return;
		const lo = Math.min(start, ev.clientX);
		const hi = Math.max(start, ev.clientX);
		start = null;
		brush.remove();
		if (hi - lo < 4) return;
		const times = [];
		for (const dot of box.querySelectorAll('circle.pt')) {
			const b = dot.getBoundingClientRect();
			const x = b.left + b.width / 2;
			const t = dot.querySelector('title');
			const d = t && parseDotTitle(t.textContent);
			if (d && x >= lo && x <= hi) times.push(d.time);
		}
		if (times.length) {
			times.sort();
			onZoom(times[0], times[times.length - 1]);
		}
	};
	box.addEventListener('mouseup', finish);
	box.addEventListener('mouseleave', finish);
}

/* ---- overview ------------------------------------------------------------ */

/* The overview shown: its baseline, the text of its /api/overview?part=page
 * and its run count and latest run (what a refresh compares with). */
let overviewShown = null;

/* The overview's page; opts.refresh (a refresh of the open overview, runs
 * having come) or opts.whole (Back to a place in it): the change groups
 * are awaited, so that the page replaces the old one whole (the grid below
 * them does not jump as they come); of a refresh, a line says what changed
 * since shown. */
async function pageOverview(params, opts) {
	const baseline = params.get('baseline') || 'main';
	const asked = params.get('baseline') || undefined; /* carried to the series' links */
	/* The page first; the change groups (the robust `changes` of every
	 * series, the costly part) fill their card when they come. */
	const source = (await getText('/api/overview', {baseline: baseline, part: 'page'})).text;
	const data = JSON.parse(source);
	const before = overviewShown;
	overviewShown = {baseline: baseline, text: source, runs: data.runs, latest: data.latest && data.latest.id};
	const groupsComing = getJSON('/api/overview', {baseline: baseline, part: 'groups'});
	const root = el('div', {id: 'overview'});
	root.append(el('h1', {}, 'Overview'));
	/* A live region: what a refresh brought (a screen reader says it). */
	const news = el('p', {class: 'muted', id: 'overview-updated', role: 'status'});
	if (opts && opts.refresh && before) {
		const n = data.runs - before.runs;
		news.textContent = 'Updated at ' + new Date().toTimeString().slice(0, 8) + ': '
			+ (n > 0 ? n + ' new run' + (n > 1 ? 's' : '') : n < 0 ? -n + ' run' + (n < -1 ? 's' : '') + ' fewer' : 'the store changed')
			+ (data.latest && data.latest.id !== before.latest ? ', latest ' + data.latest.id : '') + '.';
	}
	root.append(news);
	const meta = el('p', {class: 'meta'}, data.runs + ' runs');
	if (data.latest) {
		meta.append(' from ' + data.first + ' to ' + data.latest.timestamp + ' \u00b7 latest: ',
			el('a', {href: hashLink('run', {id: data.latest.id})}, data.latest.id),
			' (commit ', commitCode(data.latest.commit), ', branch ' + data.latest.branch + ')');
	}
	meta.append(' \u00b7 baseline ' + data.baseline.name + ': ');
	if (data.baseline.run)
		meta.append(el('a', {href: hashLink('run', {id: data.baseline.run})}, data.baseline.run),
			' (commit ', commitCode(data.baseline.commit), ')');
	else
		meta.append('none (set one with ', el('code', {}, 'benchdb baseline set ' + data.baseline.name + ' RUN'), ')');
	root.append(meta);

	/* Latest vs baseline, regressions first. */
	const counts = {};
	for (const s of data.series) {
		const v = verdictClass(s.verdict) || (s.verdict === '-' ? 'not compared' : String(s.verdict).split(' ')[0]);
		counts[v] = (counts[v] || 0) + 1;
	}
	const vs = el('section', {class: 'card', id: 'latest-vs-baseline'},
		el('h2', {}, 'Latest vs baseline ' + data.baseline.name));
	const badges = el('p', {class: 'counts'});
	const plural = {regression: 'regressions', improvement: 'improvements'};
	for (const k of ['regression', 'improvement', 'unchanged', 'new', 'removed', 'n/a', 'not compared'])
		if (counts[k]) badges.append(el('span', {class: 'n-' + k.replace(/[^a-z]/g, '')}, counts[k] + ' ' + (counts[k] > 1 && plural[k] || k)), ' ');
	if (data.latest && data.baseline.run)
		badges.append(el('a', {id: 'compare-latest', href: hashLink('compare', {a: data.baseline.run, b: data.latest.id})}, 'compare baseline with latest \u2192'));
	vs.append(badges);
	if (!data.regressions) {
		vs.append(el('p', {class: 'muted'}, 'No baseline ' + data.baseline.name + ': nothing to compare with.'));
	} else if (!data.regressions.rows.length) {
		vs.append(el('p', {}, 'No regressions (threshold ' + data.regressions.threshold + '%).'));
	} else {
		vs.append(el('div', {class: 'scroll'}, table(['series', 'metric', 'base', 'current', 'change', 'severity'],
			data.regressions.rows.map((r) => ({
				series: r, metric: r.metric, base: r.display.base, current: r.display.current,
				change: r.display.change_pct, severity: r.severity,
			})), {
				numeric: new Set(['base', 'current', 'change']),
				rowClass: () => 'regression',
				cell: (c, row) => c === 'series' ? el('a', {href: seriesLink(row.series.point, row.series.tags, row.series.metric, asked)}, seriesLabel(row.series.point, row.series.tags))
					: c === 'severity' ? el('span', {class: 'sev'}, row.severity) : null,
			})));
	}
	/* Regressions that began at an annotated commit are not rows of the
	 * table, but the grid marks them: say which, as the statement does. */
	const accepted = data.regressions && data.regressions.accepted;
	if (accepted)
		vs.append(el('p', {class: 'muted', id: 'accepted'}, accepted + ' regression' + (accepted > 1 ? 's' : '')
			+ ' began at an annotated commit and ' + (accepted > 1 ? 'are' : 'is') + ' not counted: '
			+ data.regressions.accepted_regressions));
	root.append(vs);

	/* Change points by commit. */
	const ch = el('section', {class: 'card', id: 'changes'},
		el('h2', {}, 'Recent change points, by commit'),
		el('p', {class: 'muted'}, 'Over each series\u2019 newest ' + data.window + ' runs, as the charts mark them: those of changes METRIC below (the groups) on their runs; on a series\u2019 older runs its chart\u2019s own (the robust default for a metric of at most 16 series, else changes METRIC window 50 floor 2%).'));
	if (!data.changes.length) {
		ch.append(el('p', {}, 'No change points.'));
	} else {
		ch.append(table(['commit', 'run', 'timestamp', 'changes'], data.changes, {
			cell: (c, row) => {
				if (c === 'commit') return row.annotation
					? el('div', {}, commitCode(row.commit), el('div', {class: 'annotation muted'}, row.annotation))
					: commitCode(row.commit);
				if (c === 'run') return runLink(row.run);
				if (c !== 'changes') return null;
				const list = el('div');
				for (const s of row.series)
					list.append(el('div', {}, el('a', {href: seriesLink(s.point, s.tags, s.metric, asked)}, seriesLabel(s.point, s.tags)),
						' ' + s.metric + ': ', el('b', {}, s.change_pct)));
				return list;
			},
		}));
	}
	root.append(ch);

	/* The groups of `changes` (its robust default) over the same runs. */
	const cg = el('section', {class: 'card', id: 'change-groups'},
		el('h2', {}, 'Change points and drifts, by commit'));
	const waiting = el('p', {class: 'muted'}, 'computing\u2026');
	cg.append(waiting);
	groupsComing.then((g) => {
		const groups = g.change_groups || [];
		waiting.replaceWith(el('p', {class: 'muted'}, 'changes METRIC' + (g.change_groups_since ? ' since ' + g.change_groups_since : '') + ' for each metric (the robust default: steps, excursions, drifts).'));
		/* Its notes, as the terminal shows them above its table. */
		for (const note of g.change_groups_notes || [])
			cg.append(el('p', {class: 'muted change-groups-note'}, note));
		if (!groups.length)
			cg.append(el('p', {id: 'change-groups-none'}, 'No change points.'));
		else
			cg.append(table(['metric', 'commit', 'timestamp', 'kind', 'series', 'median_change_pct', 'worst_change_pct', 'worst_series', 'bisect', 'annotation'], groups, {
				numeric: new Set(['series', 'median_change_pct', 'worst_change_pct']),
				labels: {timestamp: 'time', median_change_pct: 'median change', worst_change_pct: 'worst change', worst_series: 'worst series'},
				cell: (c, row) => c === 'commit' ? commitCode(row.commit) : null,
			}));
		cg.dataset.loaded = 'yes';
	}, (e) => {
		waiting.replaceWith(el('p', {class: 'error'}, 'change groups: ' + e.message));
		cg.dataset.loaded = 'error';
	});
	root.append(cg);
	if (opts && (opts.refresh || opts.whole)) await groupsComing.catch(() => null);

	/* The grid. */
	const heading = el('h2', {}, 'Series (' + data.series.length + ')');
	const grid = el('section', {class: 'card', id: 'grid'}, heading);
	/* Refreshed, the page keeps the filter box drawn, which may be being
	 * typed in: the same element, its text, caret and focus its own
	 * (render moves it into the new page, in place of a holder). Rebuilt,
	 * it took the text of the address as it was when the refresh began,
	 * and what was typed meanwhile was lost. */
	const kept = opts && opts.refresh ? document.getElementById('grid-filter') : null;
	const filter = kept || el('input', {type: 'text', placeholder: 'filter: point, tag or metric', id: 'grid-filter',
		value: params.get('filter') || ''});
	grid.append(el('div', {class: 'row'}, kept ? el('span', {'data-keep': 'grid-filter'}) : filter, el('span', {class: 'muted'}, 'sparklines: newest ' + data.window + ' runs; regressions first')));
	const rows = data.series.map((s) => Object.assign({}, s, {
		series: s, sparkline: s.sparkline, 'vs baseline': s.change_pct,
	}));
	const t = table(['series', 'metric', 'sparkline', 'latest', 'vs baseline', 'verdict'], rows, {
		numeric: new Set(['latest', 'vs baseline']),
		rowClass: (r) => verdictClass(r.verdict),
		cell: (c, row) => c === 'series' ? el('a', {href: seriesLink(row.point, row.tags, row.metric, asked)}, seriesLabel(row.point, row.tags))
			: c === 'sparkline' ? el('span', {class: 'spark'}, importSvg(row.sparkline))
			: c === 'verdict' ? el('span', {class: 'verdict-' + (verdictClass(row.verdict) || 'other')}, row.verdict)
			: null,
	});
	const body = t.querySelector('tbody');
	const none = el('p', {class: 'muted', id: 'grid-none', hidden: true});
	const applyFilter = () => {
		const f = filter.value.toLowerCase();
		for (const [i, tr] of Array.from(body.rows).entries()) {
			const s = data.series[i];
			const hay = (s.point + ' ' + tagsText(s.tags) + ' ' + s.metric).toLowerCase();
			tr.hidden = f !== '' && !hay.includes(f);
		}
		/* What the filter leaves: counted, and none said (a link of a
		 * filter from before a rename showed a bare header). */
		const left = Array.from(body.rows).filter((tr) => !tr.hidden).length;
		heading.textContent = 'Series (' + (f === '' ? data.series.length : left + ' of ' + data.series.length) + ')';
		none.textContent = 'No series matches \u201c' + filter.value + '\u201d.';
		none.hidden = left > 0 || !data.series.length;
	};
	applyFilter(); /* a link's filter */
	/* The filter is part of the page's link (to share, to reload, to come
	 * back to): replaced in place, not a history entry per key typed, and
	 * no new rendering of the page. */
	filter.oninput = () => { /* the page's own, in place of the one of the page it replaces */
		applyFilter();
		history.replaceState(history.state, '', hashLink('', {baseline: params.get('baseline'), filter: filter.value}));
	};
	/* An empty store (a new server's) says how runs come, not a bare header. */
	if (!data.series.length)
		grid.append(el('p', {class: 'muted', id: 'grid-empty'}, 'No series yet: runs come with ',
			el('code', {}, 'benchdb push --server ' + location.origin + ' FILE'), ' (or ', el('code', {}, 'benchdb ingest'), ' on this store).'));
	else
		grid.append(el('div', {class: 'scroll'}, t), none);
	root.append(grid);
	return root;
}

/* ---- series browser -------------------------------------------------------- */

/* The most series the series page draws in one chart (small multiples). */
const SERIES_CHART_MAX = 200;

function seriesStatement(p) {
	let s = 'trend ' + quote(p.metric);
	const where = [];
	if (p.point && p.exact) where.push('point = ' + quote(p.point));
	else if (p.point) s += ' of ' + quote(p.point);
	for (const [k, v] of Object.entries(p.tags)) if (v !== '') where.push(quote(k) + ' = ' + quote(v));
	if (where.length) s += ' where ' + where.join(' and ');
	if (p.since) s += ' since ' + quote(p.since);
	if (p.until) s += ' until ' + quote(p.until);
	if (p.baseline) s += ' vs baseline ' + quote(p.baseline);
	return s;
}

/* The series page's link of c (seriesStatement's p). */
function seriesPageLink(c) {
	const q = {point: c.point, metric: c.metric, exact: c.exact ? '1' : '', since: c.since, until: c.until, baseline: c.baseline};
	for (const [k, v] of Object.entries(c.tags)) q['tag.' + k] = v;
	return hashLink('series', q, ['baseline']); /* baseline= is "none" */
}

async function pageSeries(params) {
	const p = {
		point: params.get('point') || '', metric: params.get('metric') || '', exact: params.get('exact') === '1',
		since: params.get('since') || '', until: params.get('until') || '', baseline: params.get('baseline') || '',
		tags: {},
	};
	for (const [k, v] of params.entries()) if (k.startsWith('tag.')) p.tags[k.slice(4)] = v;
	const [metrics, tagKeys, baselines, points] = await Promise.all([
		queryOne('show metrics'), queryOne('show tags'), queryOne('show baselines'), queryOne('show points'),
	]);
	const tagValues = await Promise.all(tagKeys.rows.map((r) => queryOne('show tags ' + quote(r.key))));
	/* A link made before a metric, baseline, tag value or point went
	 * (dropped, renamed, retained away): what the store no longer has is
	 * said and left out, so that the form shows what is drawn. */
	const gone = [];
	if (p.metric && !metrics.rows.some((m) => m.metric === p.metric)) {
		gone.push('metric ' + quote(p.metric));
		p.metric = '';
	}
	if (p.baseline && !baselines.rows.some((b) => b.baseline === p.baseline)) {
		gone.push('baseline ' + quote(p.baseline));
		p.baseline = '';
	}
	for (const [k, v] of Object.entries(p.tags)) {
		const i = tagKeys.rows.findIndex((r) => r.key === k);
		if (i < 0 || !tagValues[i].rows.some((r) => r.value === v)) {
			gone.push('tag ' + quote(k) + ' = ' + quote(v));
			delete p.tags[k];
		}
	}
	const pointGone = p.exact && p.point !== '' && !points.rows.some((r) => r.point === p.point);
	if (pointGone) gone.push('point ' + quote(p.point));
	if (!p.metric && metrics.rows.length) p.metric = metrics.rows[0].metric;
	if (!params.has('baseline') && baselines.rows.some((b) => b.baseline === 'main')) p.baseline = 'main';

	const root = el('div', {id: 'series'});
	/* A link without a metric (#/series, the header's) draws the metric
	 * that sorts first, and baseline main: its link names them, so that it
	 * shows the same chart shared, after a metric that sorts earlier came
	 * (render puts it in the address bar). */
	if (!params.get('metric') && !gone.length && p.metric) root.dataset.link = seriesPageLink(p);
	root.append(el('h1', {}, 'Series'));
	const form = el('form', {class: 'controls card', id: 'series-form'});
	const pointIn = el('input', {type: 'text', name: 'point', value: p.point, list: 'points', placeholder: 'a name or a glob: BM_sort/*'});
	const datalist = el('datalist', {id: 'points'});
	for (const name of new Set(points.rows.map((r) => r.point))) datalist.append(el('option', {value: name}));
	const metricSel = el('select', {name: 'metric'});
	for (const m of metrics.rows) metricSel.append(el('option', {value: m.metric, selected: m.metric === p.metric}, m.metric + (m.unit ? ' (' + m.unit + ')' : '')));
	form.append(el('label', {}, 'point', pointIn, datalist), el('label', {}, 'metric', metricSel));
	const tagSels = {};
	tagKeys.rows.forEach((r, i) => {
		const sel = el('select', {name: 'tag.' + r.key}, el('option', {value: ''}, 'any'));
		for (const v of tagValues[i].rows) sel.append(el('option', {value: v.value, selected: p.tags[r.key] === v.value}, v.value));
		tagSels[r.key] = sel;
		form.append(el('label', {}, r.key, sel));
	});
	const baseSel = el('select', {name: 'baseline'}, el('option', {value: ''}, 'none'));
	for (const b of baselines.rows) baseSel.append(el('option', {value: b.baseline, selected: b.baseline === p.baseline}, b.baseline));
	const sinceIn = el('input', {type: 'text', name: 'since', value: p.since, placeholder: '2026-01-01 or 90d', size: 12});
	const untilIn = el('input', {type: 'text', name: 'until', value: p.until, placeholder: 'until', size: 12});
	form.append(el('label', {}, 'baseline', baseSel), el('label', {}, 'since', sinceIn), el('label', {}, 'until', untilIn),
		el('button', {type: 'submit', id: 'series-show'}, 'Show'));
	const quick = el('div', {class: 'quick'}, el('span', {class: 'muted'}, 'range: '));
	for (const [label, since] of [['30 days', '30d'], ['90 days', '90d'], ['1 year', '365d'], ['all', '']])
		quick.append(el('button', {type: 'button', class: 'secondary', onclick: () => go({since: since, until: ''})}, label));
	form.append(quick);

	const current = () => {
		const tags = {};
		for (const [k, sel] of Object.entries(tagSels)) if (sel.value) tags[k] = sel.value;
		return {point: pointIn.value.trim(), metric: metricSel.value, exact: p.exact && pointIn.value.trim() === p.point,
			since: sinceIn.value.trim(), until: untilIn.value.trim(), baseline: baseSel.value, tags: tags};
	};
	const go = (override) => {
		const target = seriesPageLink(Object.assign(current(), override || {}));
		if (location.hash === target) render(); else location.hash = target;
	};
	form.addEventListener('submit', (ev) => { ev.preventDefault(); go({exact: false}); });
	root.append(form);
	if (gone.length)
		root.append(el('p', {class: 'error', id: 'series-gone'}, 'Not in the store (removed or renamed since the link was made): '
			+ gone.join(', ') + (pointGone ? '.' : '; the chart is drawn without it.')));

	if (!p.metric) {
		root.append(el('p', {class: 'muted'}, 'The store has no metrics yet.'));
		return root;
	}
	if (pointGone) return root;
	const statement = seriesStatement(p);
	const card = el('section', {class: 'card'});
	card.append(el('div', {class: 'row'}, el('code', {class: 'statement', id: 'series-statement'}, statement),
		el('a', {href: hashLink('query', {q: statement})}, 'open in the console')));
	/* The series the filter matches, each opened alone. */
	const list = el('section', {class: 'card', id: 'series-matches'});
	let where = [];
	for (const [k, v] of Object.entries(p.tags)) where.push(quote(k) + ' = ' + quote(v));
	let stmt = 'show points';
	if (p.point && p.exact) where.unshift('point = ' + quote(p.point));
	else if (p.point) stmt += ' of ' + quote(p.point);
	if (where.length) stmt += ' where ' + where.join(' and ');
	let rows = null;
	try {
		const matches = await queryOne(stmt);
		rows = matches.rows.filter((r) => String(r.metrics).split(', ').includes(p.metric));
		list.append(el('h2', {}, 'Matching series (' + rows.length + ')'));
		const ul = el('ul', {class: 'series-list'});
		for (const r of rows)
			ul.append(el('li', {}, el('a', {class: 'open-series', href: seriesLink(r.point, r.tags, p.metric, p.baseline)}, seriesLabel(r.point, r.tags))));
		list.append(ul);
	} catch (e) {
		/* The chart's statement fails as the list's did ('no point "%" in
		 * the store'): said once, in place of the chart. */
		card.append(errorBox(e));
		root.append(card);
		return root;
	}

	/* The chart, unless it would be a wall of small multiples: the page of
	 * a store's 2,000 series was a 10 MB picture 122,736 px tall. */
	if (rows && rows.length > SERIES_CHART_MAX) {
		card.append(el('p', {class: 'muted', id: 'series-too-many'}, rows.length + ' series match: the chart draws at most '
			+ SERIES_CHART_MAX + '. Narrow it by point (a glob such as ', el('code', {}, 'BM_sort/*'), ') or tag, or open one below.'));
		root.append(card, list);
		return root;
	}
	const box = el('div', {class: 'chart-box', id: 'series-chart'});
	const readout = el('p', {class: 'hover', id: 'hover'}, el('span', {class: 'muted'}, 'Hover a dot for its run, commit and value (or Tab to the chart and step with the arrow keys); drag across the chart to zoom to that time range (or Shift with the arrow keys, then Enter; - shows all runs).'));
	card.append(box, readout);
	root.append(card);
	try {
		box.append(await chart(statement));
		interact(box, readout, (since, until) => go({since: since, until: until}));
	} catch (e) {
		box.append(errorBox(e));
	}
	root.append(list);
	return root;
}

/* ---- compare ---------------------------------------------------------------- */

/* Each row's label as the bars can hold it (46 characters): what tells it
 * from the others, without the tags all rows share, the start all their
 * points share and the metric when it is theirs all, the tags' values alone
 * when the keys make it too long, cut in its middle (cut at their end,
 * kedro's series all read "benchmark_validation.ContextParamsTimeSuite.t…"). */
function distinctLabels(rows) {
	const common = (k, v) => rows.every((r) => r.tags && r.tags[k] === v);
	const points = rows.map((r) => Array.from(String(r.point)));
	let prefix = points.length > 1 ? Math.min(...points.map((p) => p.length)) : 0;
	for (const p of points)
		while (prefix > 0 && p.slice(0, prefix).join('') !== points[0].slice(0, prefix).join('')) prefix--;
	if (points.every((p) => p.length === prefix)) prefix = 0; /* one point: its tags tell */
	const oneMetric = rows.every((r) => r.metric === rows[0].metric);
	return rows.map((r, i) => {
		const own = Object.entries(r.tags || {}).filter(([k, v]) => !common(k, v));
		const point = prefix > 8 ? '\u2026' + points[i].slice(prefix).join('') : points[i].join('');
		const text = (tags) => Array.from(point + (tags ? ' ' + tags : '') + (oneMetric ? '' : ' \u00b7 ' + r.metric));
		let label = text(own.map(([k, v]) => k + '=' + v).join(','));
		if (label.length > 46) label = text(own.map(([, v]) => v).join(',')); /* the values alone */
		return label.length > 46 ? label.slice(0, 15).join('') + '\u2026' + label.slice(-30).join('') : label.join('');
	});
}

/* A bar per row: its change %, red where it regressed, green where it
 * improved (drawn here from the compare table; the labels are text nodes).
 * Null when no row has a change %. */
function compareBars(rows) {
	const shown = rows.filter((r) => typeof r.change_pct === 'number' && isFinite(r.change_pct));
	if (!shown.length) return null;
	const labels = distinctLabels(shown);
	const W = 760, rowH = 18, left = 300, top = 24;
	const H = top + shown.length * rowH + 12;
	const svg = document.createElementNS(SVG_NS, 'svg');
	svg.setAttribute('width', W);
	svg.setAttribute('height', H);
	svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
	svg.setAttribute('class', 'bars');
	const max = Math.max(5, ...shown.map((r) => Math.abs(r.change_pct)));
	const mid = left + (W - left) / 2;
	const scale = ((W - left) / 2 - 56) / max; /* room for the labels at both ends */
	const mk = (tag, attrs, text) => {
		const e = document.createElementNS(SVG_NS, tag);
		for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
		if (text !== undefined) e.textContent = text;
		svg.append(e);
		return e;
	};
	mk('text', {x: mid, y: 14, 'text-anchor': 'middle'}, 'change % (current vs base)');
	mk('line', {x1: mid, x2: mid, y1: top - 4, y2: H - 8, stroke: '#888'});
	shown.forEach((r, i) => {
		const y = top + i * rowH;
		const w = Math.abs(r.change_pct) * scale;
		const v = verdictClass(r.verdict);
		const bar = mk('rect', {x: r.change_pct < 0 ? mid - w : mid, y: y + 3, width: Math.max(w, 1), height: rowH - 6,
			fill: v === 'regression' ? '#d62728' : v === 'improvement' ? '#2ca02c' : '#9aa5b8'});
		const title = document.createElementNS(SVG_NS, 'title');
		title.textContent = r.point + ' ' + tagsText(r.tags) + ' ' + r.metric + ': ' + r.display.change_pct + ' (' + r.verdict + ')';
		bar.append(title);
		mk('text', {x: left - 8, y: y + rowH - 5, 'text-anchor': 'end'}, labels[i]);
		mk('text', {x: r.change_pct < 0 ? mid - w - 4 : mid + w + 4, y: y + rowH - 5, 'text-anchor': r.change_pct < 0 ? 'end' : 'start'}, r.display.change_pct);
	});
	return svg;
}

async function pageCompare(params) {
	const [runs, baselines] = await Promise.all([queryOne('show runs last 500'), queryOne('show baselines')]);
	const root = el('div', {id: 'compare'});
	root.append(el('h1', {}, 'Compare two runs'));
	if (runs.rows.length < 1) {
		root.append(el('p', {class: 'muted'}, 'The store has no runs yet.'));
		return root;
	}
	const main = baselines.rows.find((b) => b.baseline === 'main');
	const a = params.get('a') || (main ? main.run : (runs.rows[1] || runs.rows[0]).id);
	const b = params.get('b') || runs.rows[0].id;
	const metric = params.get('metric') || '*';
	/* The link names the runs it compares: `#/compare` is baseline main
	 * and the latest run of today, and shared, it showed other runs the
	 * day after (render puts it in the address bar). */
	root.dataset.link = hashLink('compare', {a: a, b: b, metric: metric});
	const pick = (name, chosen) => {
		const sel = el('select', {name: name, id: 'compare-' + name});
		/* A run of the link the store has not: its id as the message
		 * says it (a NUL was a box glyph), its value the id asked for. */
		if (!ids.has(chosen)) sel.append(el('option', {value: chosen, selected: true}, idText(chosen)));
		for (const r of runs.rows) {
			const marks = baselines.rows.filter((x) => x.run === r.id).map((x) => 'baseline ' + x.baseline);
			sel.append(el('option', {value: r.id, selected: r.id === chosen},
				r.id + ' \u00b7 ' + r.timestamp.slice(0, 10) + ' \u00b7 ' + shown(r, 'commit') + (marks.length ? ' \u00b7 ' + marks.join(', ') : '')));
		}
		return sel;
	};
	/* A run of a link the store no longer has: said, not asked for (its
	 * compare's 400 is an error in the browser's console). */
	const ids = new Set(runs.rows.map((r) => r.id));
	const missing = [];
	for (const id of new Set([a, b]))
		if (!ids.has(id) && !(await runExists(id))) missing.push(id);
	const selA = pick('a', a), selB = pick('b', b);
	const metricIn = el('input', {type: 'text', name: 'metric', value: metric, size: 10});
	const form = el('form', {class: 'controls card'}, el('label', {}, 'base run', selA), el('label', {}, 'current run', selB),
		el('label', {}, 'metric', metricIn), el('button', {type: 'submit', id: 'compare-go'}, 'Compare'));
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		location.hash = hashLink('compare', {a: selA.value, b: selB.value, metric: metricIn.value.trim() || '*'});
	});
	root.append(form);
	if (missing.length) {
		root.append(el('p', {class: 'error', id: 'compare-missing'}, missing.map((id) => 'Run \u201c' + idText(id) + '\u201d not found').join('; ')
			+ ': the store has no run of that id (it may have been removed since the link was made).'));
		return root;
	}
	const statement = 'compare run ' + quote(a) + ' with run ' + quote(b) + ' metric ' + (metric === '*' ? '*' : quote(metric));
	const card = el('section', {class: 'card', id: 'compare-result'});
	card.append(el('div', {class: 'row'}, el('code', {class: 'statement'}, statement),
		el('a', {href: hashLink('query', {q: statement})}, 'open in the console')));
	root.append(card);
	try {
		const res = await queryOne(statement);
		const rows = res.rows.slice().sort((x, y) => {
			const rank = (r) => verdictClass(r.verdict) === 'regression' ? 0 : verdictClass(r.verdict) === 'improvement' ? 1 : 2;
			return rank(x) - rank(y) || Math.abs(y.change_pct || 0) - Math.abs(x.change_pct || 0);
		});
		const n = {};
		for (const r of rows) n[r.verdict] = (n[r.verdict] || 0) + 1;
		card.append(el('p', {class: 'counts'}, Object.keys(n).map((k) => [el('span', {class: 'n-' + (verdictClass(k) || 'other')},
			n[k] + ' ' + (n[k] > 1 && verdictClass(k) ? k + 's' : k)), ' '])));
		const bars = compareBars(rows);
		if (bars) card.append(el('div', {class: 'chart-box', id: 'compare-chart'}, bars));
		card.append(table(['series', 'metric', 'base', 'current', 'change', 'verdict'], rows.map((r) => Object.assign({}, r, {series: r, change: r.display.change_pct})), {
			numeric: new Set(['base', 'current', 'change']),
			rowClass: (r) => verdictClass(r.verdict),
			cell: (c, row) => c === 'series' ? el('a', {href: seriesLink(row.point, row.tags, row.metric)}, seriesLabel(row.point, row.tags))
				: c === 'verdict' ? el('span', {class: 'verdict-' + (verdictClass(row.verdict) || 'other')}, row.verdict) : null,
		}));
	} catch (e) {
		card.append(errorBox(e));
	}
	return root;
}

/* ---- query console ------------------------------------------------------------ */

/* The caret message of a query error, as the CLI prints it: the message,
 * the statement's line, '^' under the offending token. */
function caretText(text, err) {
	const lines = text.split('\n');
	const line = lines[(err.line || 1) - 1] || '';
	const chars = Array.from(line);
	const col = Math.max(1, err.column || 1);
	let len = 1;
	const rest = chars.slice(col - 1).join('');
	const m = /^("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|[A-Za-z0-9_.*\/-]+)/.exec(rest);
	if (m) len = Array.from(m[0]).length;
	return err.error + '\n  ' + line + '\n  ' + ' '.repeat(col - 1) + '^'.repeat(len);
}

/* An SVG document of the answer's text (`as svg`), as the server writes
 * it: from a line of its XML declaration and <svg xmlns=...> to a line
 * "</svg>". Names in it are escaped, and a table's or CSV's text of names
 * such as "<svg>" or "</svg>" never starts a line with those. */
const SVG_DOCUMENT = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*?^<\/svg>$\n?/gm;

/* An HTML page of the answer's text (`as html`), as the server writes it:
 * from a line "<!DOCTYPE html>" and <html lang="en"> to a line "</html>"
 * (names in it are escaped; a CSV quotes a field of '"'). */
const HTML_DOCUMENT = /^<!DOCTYPE html>\n<html lang="en">\n[\s\S]*?^<\/html>$\n?/gm;

/* Its <title> (as the server escapes text), or fallback. */
function documentTitle(doc, fallback) {
	const title = /<title>([^<]*)<\/title>/.exec(doc);
	const entities = {'&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&'};
	return title ? title[1].replace(/&(?:lt|gt|quot|#39|amp);/g, (e) => entities[e]) : fallback;
}

/* An `as html` page drawn as a page: in an <iframe sandbox> of its text
 * (no script runs in it: the sandbox allows none, and the frame keeps the
 * page's policy), its inline style sheet taken from /assets/result.css
 * instead (the same rules: that policy allows no inline style), as tall as
 * its page, measured when it loads and again when its width changes (a
 * guess from its rows cut a page whose rows wrapped, in a narrow window);
 * and a link to save it as a file, a data: URL of its text (a blob: URL
 * was dead once copied, shared or the page left). */
function htmlResult(doc) {
	const shown = doc.replace(/<style>[^<]*<\/style>/g, '<link rel="stylesheet" href="/assets/result.css"/>');
	/* allow-same-origin without allow-scripts: the dashboard reads the
	 * frame's height; nothing runs inside it. */
	const frame = el('iframe', {class: 'html-result', sandbox: 'allow-same-origin', srcdoc: shown, title: documentTitle(doc, 'result')});
	const fit = () => {
		const d = frame.contentDocument;
		if (!d || !d.documentElement) return;
		frame.style.height = (Math.ceil(d.documentElement.getBoundingClientRect().height) + frame.offsetHeight - frame.clientHeight) + 'px';
	};
	frame.addEventListener('load', () => {
		fit();
		let width = frame.clientWidth;
		new ResizeObserver(() => {
			if (frame.clientWidth !== width) {
				width = frame.clientWidth;
				fit();
			}
		}).observe(frame);
	});
	const file = 'data:text/html;charset=utf-8,' + encodeURIComponent(doc);
	return [frame, el('p', {class: 'row muted'}, el('a', {class: 'save-html', href: file, download: 'benchdb-result.html'},
		'save this page'), ' (the statement\u2019s page as ', el('code', {}, 'benchdb -c'), ' writes it)')];
}

/* The text of a statement with a format (`as csv`, `as svg`, ...): each SVG
 * document as a picture, an <img> of a data: URL (an image runs no script
 * and reaches nothing), each HTML page in a sandboxed frame (htmlResult),
 * the rest as text. */
function textResult(text) {
	const parts = [];
	let at = 0;
	const docs = [...text.matchAll(SVG_DOCUMENT), ...text.matchAll(HTML_DOCUMENT)].sort((x, y) => x.index - y.index);
	for (const m of docs) {
		if (m.index < at) continue; /* an SVG inside a page */
		if (text.slice(at, m.index).trim()) parts.push(el('pre', {class: 'text-result'}, text.slice(at, m.index)));
		if (m[0].startsWith('<!DOCTYPE html>')) {
			parts.push(...htmlResult(m[0]));
		} else {
			parts.push(el('div', {class: 'chart-box'}, el('img', {class: 'svg-result', alt: documentTitle(m[0], 'chart'),
				src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(m[0])})));
		}
		at = m.index + m[0].length;
	}
	if (text.slice(at).trim() || !parts.length) parts.push(el('pre', {class: 'text-result'}, text.slice(at)));
	return parts;
}

/* The rows of a result the console shows. */
const CONSOLE_ROWS = 2000;

const EXAMPLES = [
	'show runs last 10', 'regressions vs baseline main', 'compare latest~1 with latest metric *',
	'trend time last 30', 'changes time window 30', 'show metrics',
];

async function pageQuery(params) {
	const root = el('div', {id: 'query'});
	root.append(el('h1', {}, 'Query console'));
	const text = params.get('q') || '';
	const area = el('textarea', {id: 'console', spellcheck: 'false', placeholder: 'trend time of "BM_sort/*" last 30'});
	area.value = text;
	const runBtn = el('button', {type: 'button', id: 'console-run'}, 'Run');
	const share = el('input', {type: 'text', class: 'share', id: 'console-share', readonly: true, value: text ? location.href : ''});
	const run = () => {
		const target = hashLink('query', {q: area.value});
		if (location.hash === target) render(); else location.hash = target;
	};
	runBtn.addEventListener('click', run);
	area.addEventListener('keydown', (ev) => {
		if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
	});
	const ex = el('div', {class: 'row muted'}, 'examples: ');
	for (const e of EXAMPLES)
		ex.append(el('a', {href: hashLink('query', {q: e})}, e), ' ');
	root.append(el('section', {class: 'card'}, area,
		el('div', {class: 'row'}, runBtn, el('span', {class: 'muted'}, 'Ctrl+Enter runs; the link shares it:'), share), ex));
	const out = el('section', {class: 'card', id: 'console-result'});
	root.append(out);
	if (!text.trim()) {
		out.append(el('p', {class: 'muted'}, 'Type a statement of the query language (docs/query-language.md) and run it.'));
		return root;
	}
	let results;
	try {
		results = await query(text);
	} catch (e) {
		root.dataset.announce = 'error: ' + (e instanceof ApiError && e.body && e.body.error ? e.body.error : e.message || e);
		if (e instanceof ApiError && e.body && e.status === 400) {
			out.append(el('pre', {class: 'caret', id: 'console-error'}, e.body.line ? caretText(text, e.body) : e.body.error));
			if (e.body.suggestion) {
				const fix = el('button', {type: 'button', class: 'secondary', id: 'console-suggestion'}, 'use \u201c' + e.body.suggestion + '\u201d');
				fix.addEventListener('click', () => {
					const lines = text.split('\n');
					const i = (e.body.line || 1) - 1;
					const chars = Array.from(lines[i] || '');
					const m = /^("(?:[^"\\]|\\.)*"?|[A-Za-z0-9_.*\/-]+)/.exec(chars.slice(e.body.column - 1).join(''));
					const len = m ? Array.from(m[0]).length : 1;
					const word = /^[A-Za-z_][A-Za-z0-9_]*$/.test(e.body.suggestion) ? e.body.suggestion : quote(e.body.suggestion);
					chars.splice(e.body.column - 1, len, word);
					lines[i] = chars.join('');
					area.value = lines.join('\n');
					run();
				});
				out.append(el('p', {class: 'suggest'}, 'did you mean ', el('code', {}, e.body.suggestion), '? ', fix));
			}
		} else {
			out.append(errorBox(e));
		}
		return root;
	}
	root.dataset.announce = results.map((res) => res.text !== undefined ? 'the answer as text'
		: res.statement + ': ' + res.rows.length + ' row' + (res.rows.length === 1 ? '' : 's')).join('; ');
	for (const res of results) {
		if (res.text !== undefined) {
			out.append(...textResult(res.text));
			continue;
		}
		const n = res.rows.length;
		out.append(el('h2', {}, res.statement + ': ' + n + ' row' + (n === 1 ? '' : 's')));
		/* A trend or changes is drawn too, unless it asks for a format. */
		const drawable = !/\bas\s+(?!svg\b)[a-z]+[\s;]*$/i.test(text);
		if ((res.statement === 'trend' || res.statement === 'changes') && results.length === 1 && drawable) {
			const box = el('div', {class: 'chart-box', id: 'console-chart'});
			const readout = el('p', {class: 'hover'});
			out.append(box, readout);
			try {
				box.append(await chart(text));
				interact(box, readout, null);
			} catch (e) {
				box.append(errorBox(e));
			}
		}
		/* A page holds so many rows: `trend latency` of 2,000 series of 30
		 * runs (60,000 rows) held the tab for most of a minute. */
		const rows = res.rows.length > CONSOLE_ROWS ? res.rows.slice(0, CONSOLE_ROWS) : res.rows;
		if (rows !== res.rows)
			out.append(el('p', {class: 'muted', id: 'console-rows-cut'}, 'The first ' + CONSOLE_ROWS + ' rows of ' + n
				+ ' (narrow the statement with of, where or last; ', el('code', {}, 'benchdb -c'), ' or ',
				el('code', {}, '/api/query'), ' give them all).'));
		out.append(el('div', {class: 'scroll'}, table(res.display_columns || res.columns, rows, {
			rowClass: (r) => verdictClass(r.verdict),
			cell: (c, row) => c === 'run' && typeof row.run === 'string' ? runLink(row.run)
				: c === 'id' && res.statement === 'show runs' ? runLink(row.id) : null,
		})));
	}
	return root;
}

/* ---- run detail ---------------------------------------------------------------- */

function kvList(obj) {
	const dl = el('dl', {class: 'kv'});
	const keys = Object.keys(obj || {});
	if (!keys.length) return el('p', {class: 'muted'}, 'none');
	for (const k of keys) dl.append(el('dt', {}, k), el('dd', {}, cellText(obj[k])));
	return dl;
}

async function pageRun(params) {
	const id = params.get('id') || '';
	const root = el('div', {id: 'run'});
	root.append(el('h1', {}, 'Run ', el('code', {id: 'run-id'}, idText(id))));
	let detail;
	try {
		/* A link to a run the store no longer has (retain dropped it, or
		 * another store's) is a state of the page, not a failed request
		 * (/api/runs/ID's 404 is an error in the browser's console). */
		if (!(await runExists(id))) {
			root.append(el('p', {class: 'error', id: 'run-missing'}, 'Run \u201c' + idText(id) + '\u201d not found: the store has no run of that id (it may have been removed since the link was made).'),
				el('p', {}, el('a', {id: 'run-missing-runs', href: hashLink('query', {q: 'show runs last 20'})}, 'show runs last 20'),
					' lists the newest runs.'));
			return root;
		}
		detail = await getJSON('/api/runs/' + encodeURIComponent(id));
	} catch (e) {
		root.append(errorBox(e));
		return root;
	}
	const [older, baselines, summary] = await Promise.all([
		getJSON('/api/runs', {before: id, limit: 1}), getJSON('/api/baselines'),
		queryOne('summary run ' + quote(id)), /* detail.summary, with display */
	]);
	const r = detail.run;
	const marks = baselines.rows.filter((b) => b.run === id).map((b) => 'baseline ' + b.baseline);
	root.append(el('p', {class: 'meta'}, r.timestamp + ' \u00b7 commit ', el('code', {}, r.commit === null ? '-' : r.commit),
		' \u00b7 branch ' + (r.branch === null ? '-' : r.branch) + (marks.length ? ' \u00b7 ' + marks.join(', ') : '')));
	const links = el('p', {class: 'row'});
	if (older.rows.length)
		links.append(el('a', {id: 'run-compare-previous', href: hashLink('compare', {a: older.rows[0].id, b: id})},
			'compare with the previous run (' + older.rows[0].id + ')'));
	const main = baselines.rows.find((b) => b.baseline === 'main');
	if (main && main.run !== id)
		links.append(el('a', {id: 'run-compare-baseline', href: hashLink('compare', {a: main.run, b: id})},
			'compare with baseline main (' + main.run + ')'));
	root.append(links);
	const section = (name) => {
		const o = {};
		for (const row of r.rows) if (row.section === name) o[row.key] = row.value;
		return o;
	};
	root.append(el('div', {class: 'two'},
		el('section', {class: 'card', id: 'run-environment'}, el('h2', {}, 'Environment'), kvList(section('environment'))),
		el('section', {class: 'card', id: 'run-metadata'}, el('h2', {}, 'Metadata'), kvList(section('metadata')))));
	const pts = el('section', {class: 'card', id: 'run-points'}, el('h2', {}, 'Points (' + summary.rows.length + ' values)'));
	pts.append(el('div', {class: 'scroll'}, table(summary.display_columns || summary.columns, summary.rows, {
		cell: (c, row) => c === 'point' ? el('a', {href: seriesLink(row.point, row.tags, row.metric)}, row.point) : null,
	})));
	root.append(pts);
	return root;
}

/* ---- routing ---------------------------------------------------------------------- */

const PAGES = {overview: pageOverview, series: pageSeries, compare: pageCompare, query: pageQuery, run: pageRun};
/* Each page's heading, for a page that failed to draw. */
const HEADINGS = {overview: 'Overview', series: 'Series', compare: 'Compare two runs', query: 'Query console', run: 'Run'};
let generation = 0;

/* The page's control that has the focus (by its id, or its name in a form)
 * when a new rendering starts (Ctrl+Enter in the console, Enter in a form):
 * a function that gives the focus, and the caret, to the same control of
 * the new page if it is the same page, else null. (Rebuilt, the page left
 * the focus on <body>, and a keyboard's way back was Tab through the
 * header.) */
function focusedControl() {
	const e = document.activeElement;
	if (!e || e === document.body || !app.contains(e) || !(e.id || e.name)) return null;
	const page = document.body.dataset.page;
	const selector = e.id ? '#' + CSS.escape(e.id) : '[name="' + CSS.escape(e.name) + '"]';
	const caret = typeof e.selectionStart === 'number' ? [e.selectionStart, e.selectionEnd] : null;
	return (name) => {
		const again = name === page && app.querySelector(selector);
		if (!again || again === e) return; /* kept by the new page, focus and caret its own */
		again.focus({preventScroll: true});
		if (caret && typeof again.selectionStart === 'number') again.setSelectionRange(caret[0], caret[1]);
	};
}

/* The fragment of the link a person followed (a click on a link of the
 * dashboard's), until the page it leads to is drawn: that page shows from
 * its top, the focus on its heading. Back and Forward set none: there the
 * browser puts the page where it was left. */
let followed = null;
document.addEventListener('click', (ev) => {
	const a = ev.target.closest && ev.target.closest('a[href^="#"]');
	if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
	followed = new URL(a.href).hash;
	/* Where the page left was, for Back to return to it once its data
	 * came (the browser's own return came before and fell short). */
	history.replaceState(Object.assign({}, history.state, {y: window.scrollY}), '');
});

/* Renders the page of the address; opts.refresh: the same page again, its
 * data having changed (the scroll position kept, as the focus is). */
async function render(opts) {
	opts = opts && opts.refresh ? opts : {};
	const hash = location.hash.replace(/^#\/?/, '');
	const q = hash.indexOf('?');
	/* A page of PAGES' own: '#/toString' or '#/constructor' (properties every
	 * object inherits) is an unknown page, the overview, as '#/nosuch'. */
	const asked = q < 0 ? hash : hash.slice(0, q);
	const name = Object.hasOwn(PAGES, asked) ? asked : 'overview';
	const params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
	const page = PAGES[name];
	for (const a of document.querySelectorAll('header nav a'))
		a.classList.toggle('active', a.dataset.page === name);
	const mine = ++generation;
	const focus = focusedControl();
	/* Back (or Forward) to a page left by a link: where it was. */
	const back = !opts.refresh && history.state && typeof history.state.y === 'number' ? history.state.y : null;
	setStatus('loading\u2026');
	const announce = document.getElementById('announce');
	announce.textContent = '';
	const started = performance.now();
	let node;
	try {
		node = await page(params, {refresh: opts.refresh, whole: back !== null});
	} catch (e) {
		node = el('div', {}, el('h1', {}, HEADINGS[name]), errorBox(e));
	}
	if (mine !== generation) return;
	/* A page's own link for what it shows (its defaults resolved), in
	 * place of the one asked for: what is shared shows the same. */
	if (node.dataset.link && location.hash !== node.dataset.link)
		history.replaceState(history.state, '', node.dataset.link);
	const scrolled = opts.refresh && window.scrollY;
	const fresh = !opts.refresh && followed !== null && followed === location.hash;
	followed = null;
	/* The new page in place of the old, but for the elements it keeps
	 * (data-keep: a refreshed overview's filter box): moved from the old
	 * page into its holder, still focused (moveBefore keeps an element's
	 * state; elsewhere its focus and caret are given back). */
	app.append(node);
	for (const holder of node.querySelectorAll('[data-keep]')) {
		const kept = document.getElementById(holder.dataset.keep);
		if (kept && !node.contains(kept)) {
			const had = document.activeElement === kept && [kept.selectionStart, kept.selectionEnd];
			if (holder.parentNode.moveBefore) holder.parentNode.moveBefore(kept, holder);
			else holder.before(kept);
			if (had && document.activeElement !== kept) {
				kept.focus({preventScroll: true});
				kept.setSelectionRange(had[0], had[1]);
			}
			if (kept.oninput) kept.oninput();
		}
		holder.remove();
	}
	for (const old of Array.from(app.childNodes)) if (old !== node) old.remove();
	/* What a page says to a screen reader once drawn (the console's
	 * answer, in the live region emptied when the rendering began: the
	 * same words again are said again). */
	announce.textContent = node.dataset.announce || '';
	if (focus) focus(name);
	if (opts.refresh) window.scrollTo(window.scrollX, scrolled);
	else if (back !== null && !fresh) window.scrollTo(window.scrollX, back);
	/* A followed link's page from its top, the focus on its heading (a
	 * screen reader says it), unless a control of the same page keeps it. */
	const heading = node.querySelector('h1');
	if (fresh && !app.contains(document.activeElement)) {
		window.scrollTo(0, 0);
		if (heading) {
			heading.tabIndex = -1;
			heading.focus({preventScroll: true});
		}
	}
	/* The title names the page (the tab, the history's list, a screen
	 * reader's first words), as its heading does. */
	document.title = (heading ? heading.textContent + ' \u00b7 ' : '') + 'benchdb';
	document.body.dataset.page = name;
	document.body.dataset.ready = String(mine);
	setStatus('loaded in ' + Math.round(performance.now() - started) + ' ms');
}

/* An overview left open (on a wall screen, in a tab to come back to) shows
 * the runs that came since: when its tab is shown again, and each minute
 * while it is, the page's data is asked again (part=page, a few tens of
 * ms) and, when it changed, the page is drawn again in place, its filter,
 * focus and scroll position kept. */
const OVERVIEW_REFRESH_MS = 60000;
let overviewChecking = false;
async function refreshOverview() {
	if (overviewChecking || document.visibilityState !== 'visible' || document.body.dataset.page !== 'overview'
		|| !document.body.dataset.ready || !overviewShown)
		return;
	overviewChecking = true;
	try {
		const shown = overviewShown;
		const now = (await getText('/api/overview', {baseline: shown.baseline, part: 'page'})).text;
		if (now !== shown.text && overviewShown === shown && document.body.dataset.page === 'overview')
			await render({refresh: true});
	} catch (e) {
		/* the server away for a while: the page stays as it is */
	} finally {
		overviewChecking = false;
	}
}
document.addEventListener('visibilitychange', refreshOverview);
setInterval(refreshOverview, OVERVIEW_REFRESH_MS);

window.addEventListener('hashchange', render);
render();
