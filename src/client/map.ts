/**
 * The map page's canvas (loaded on `/map/` only). The layout comes from the build (src/garden/model/map.ts);
 * this draws it, with zoom, pan and focus. It stays fast on a 10,000-page garden by level of detail:
 * far out it draws topic clusters and dots (one fillRect a node), closer in circles and labels for what
 * is on screen only (at most LABELS labels), and edges only for the focused page or when few are in view.
 */
import { clientUi, t } from './ui.ts';
import { KIND_TABLE, MAP_KINDS } from '../garden/core/kinds.ts';

type MapNode = [kind: 0 | 1 | 2, x: number, y: number, cluster: number, title: string, route: string];
interface MapData {
  v: 1;
  nodes: MapNode[];
  edges: number[];
  clusters: Array<[number, number, number, number]>;
  omitted: { nodes: number; edges: number };
}

const LABELS = 250;
const EDGES_IN_VIEW = 3000;
const KIND_NAMES = MAP_KINDS.map((k) => KIND_TABLE[k].label) as [string, string, string];

const root = document.querySelector<HTMLElement>('[data-map]');
if (root) void start(root);

async function start(el: HTMLElement): Promise<void> {
  const canvas = el.querySelector('canvas')!;
  const focusBox = el.querySelector<HTMLElement>('.map-focus')!;
  let data: MapData;
  try {
    const res = await fetch(el.dataset.map!);
    if (!res.ok) throw new Error(String(res.status));
    data = (await res.json()) as MapData;
  } catch {
    // The list below the map has the same content; nothing to draw.
    return;
  }
  el.hidden = false;
  const base = el.dataset.map!.replace(/map\.json$/, '');
  const hrefOf = (route: string) => base + route.replace(/^\//, '').split('/').map(encodeURIComponent).join('/');
  const ctx = canvas.getContext('2d')!;
  const { nodes, edges, clusters } = data;

  // Neighbours of each node, for focus: one pass over the edges.
  const neighbours: number[][] = nodes.map(() => []);
  for (let i = 0; i < edges.length; i += 2) {
    neighbours[edges[i]!]!.push(edges[i + 1]!);
    neighbours[edges[i + 1]!]!.push(edges[i]!);
  }
  // The world's bounds, for "Show all".
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [, cx, cy, r] of clusters) {
    minX = Math.min(minX, cx - r);
    minY = Math.min(minY, cy - r);
    maxX = Math.max(maxX, cx + r);
    maxY = Math.max(maxY, cy + r);
  }
  if (!isFinite(minX)) {
    minX = minY = -100;
    maxX = maxY = 100;
  }

  let width = 0,
    height = 0,
    dpr = 1;
  let scale = 1,
    tx = 0,
    ty = 0;
  /** True while the reader has not moved the view: a resize (a phone turned, the layout settling) fits the map again. */
  let fitted = true;
  let focused = -1;
  let frame = 0;
  const colours = { topic: '', course: '', note: '', text: '', muted: '', bg: '', focus: '' };
  const readColours = () => {
    const s = getComputedStyle(el);
    colours.topic = s.getPropertyValue('--accent').trim() || '#1f6b45';
    colours.course = s.getPropertyValue('--formal').trim() || '#28558f';
    colours.note = s.getPropertyValue('--informal').trim() || '#8a4a0f';
    colours.text = s.getPropertyValue('--text').trim() || '#1d2320';
    colours.muted = s.getPropertyValue('--text-muted').trim() || '#545e58';
    colours.bg = s.getPropertyValue('--bg-raised').trim() || '#fff';
    colours.focus = s.getPropertyValue('--focus').trim() || '#b3550d';
  };
  /** Node indexes by kind (topic, course, note), for drawing each kind in one path. */
  const byKind: number[][] = [[], [], []];
  nodes.forEach((n, i) => byKind[n[0]]?.push(i));
  const colourOf = (k: number) => (k === 0 ? colours.topic : k === 1 ? colours.course : colours.note);

  const fit = () => {
    fitted = true;
    const w = maxX - minX,
      h = maxY - minY;
    // Labels run to the right of their dot: leave them room on that side.
    const labelRoom = Math.min(140, width / 4);
    scale = Math.min((width - labelRoom - 20) / (w + 20), height / (h + 40));
    tx = (width - labelRoom) / 2 - ((minX + maxX) / 2) * scale;
    ty = height / 2 - ((minY + maxY) / 2) * scale;
  };
  const resize = () => {
    const rect = canvas.getBoundingClientRect();
    const first = width === 0;
    dpr = window.devicePixelRatio || 1;
    width = rect.width;
    height = rect.height;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    if (first || fitted) fit();
    draw();
  };
  const draw = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(paint);
  };

  function paint(): void {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    // What is on screen, in map units, with a margin.
    const x0 = -tx / scale - 20,
      y0 = -ty / scale - 20,
      x1 = (width - tx) / scale + 20,
      y1 = (height - ty) / scale + 20;
    const inView = (x: number, y: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
    const sx = (x: number) => x * scale + tx;
    const sy = (y: number) => y * scale + ty;
    const focus = focused >= 0 ? new Set([focused, ...neighbours[focused]!]) : undefined;

    // Clusters: a soft disc each, so the shape of the garden shows at any zoom.
    ctx.globalAlpha = 0.08;
    ctx.fillStyle = colours.topic;
    for (const [, cx, cy, r] of clusters) {
      if (cx + r < x0 || cx - r > x1 || cy + r < y0 || cy - r > y1) continue;
      ctx.beginPath();
      ctx.arc(sx(cx), sy(cy), Math.max(2, r * scale), 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.globalAlpha = 1;

    // Edges: the focused page's, else those in view when there are few enough to read.
    ctx.lineWidth = 1;
    if (focus) {
      ctx.strokeStyle = colours.focus;
      ctx.beginPath();
      for (const j of neighbours[focused]!) {
        ctx.moveTo(sx(nodes[focused]![1]), sy(nodes[focused]![2]));
        ctx.lineTo(sx(nodes[j]![1]), sy(nodes[j]![2]));
      }
      ctx.stroke();
    } else if (scale > 0.5) {
      ctx.strokeStyle = colours.muted;
      ctx.globalAlpha = 0.35;
      ctx.beginPath();
      let drawn = 0;
      for (let i = 0; i < edges.length && drawn < EDGES_IN_VIEW; i += 2) {
        const a = nodes[edges[i]!]!,
          b = nodes[edges[i + 1]!]!;
        if (!inView(a[1], a[2]) && !inView(b[1], b[2])) continue;
        ctx.moveTo(sx(a[1]), sy(a[2]));
        ctx.lineTo(sx(b[1]), sy(b[2]));
        drawn++;
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    }

    // Nodes: dots far out, circles close in; the focused page and its neighbours on top of the rest.
    const size = (k: number) => Math.max(1.5, (k === 0 ? 7 : k === 1 ? 5 : 3.2) * Math.min(2, Math.sqrt(scale)));
    const circles = scale > 0.35;
    // One path and one fill per kind and pass, not one per node: 10,000 separate fills cost 30-70 ms a frame.
    for (let pass = 0; pass < 2; pass++) {
      if (pass === 1 && !focus) break;
      ctx.globalAlpha = pass === 0 && focus ? 0.2 : 1;
      for (let k = 0; k < 3; k++) {
        const r = size(k);
        ctx.fillStyle = colourOf(k);
        ctx.beginPath();
        for (const i of byKind[k]!) {
          const n = nodes[i]!;
          if (!inView(n[1], n[2])) continue;
          // Pass 0 draws every page (dimmed when a page is focused); pass 1 the focused page and its neighbours.
          if (focus && (pass === 1) !== focus.has(i)) continue;
          const x = sx(n[1]),
            y = sy(n[2]);
          if (circles || k !== 2) {
            ctx.moveTo(x + r, y);
            ctx.arc(x, y, r, 0, Math.PI * 2);
          } else ctx.rect(x - r / 2, y - r / 2, r, r);
        }
        ctx.fill();
      }
    }
    ctx.globalAlpha = 1;
    if (focused >= 0) {
      const n = nodes[focused]!;
      ctx.strokeStyle = colours.focus;
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.arc(sx(n[1]), sy(n[2]), size(n[0]) + 4, 0, Math.PI * 2);
      ctx.stroke();
    }

    // Labels: topics first, then courses, then notes once close enough; at most LABELS, never overlapping.
    ctx.font = '13px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const boxes: Array<[number, number, number, number]> = [];
    let labels = 0;
    const label = (i: number, bold: boolean) => {
      if (labels >= LABELS) return;
      const n = nodes[i]!;
      if (!inView(n[1], n[2])) return;
      const text = n[4].length > 40 ? `${n[4].slice(0, 39)}…` : n[4];
      ctx.font = `${bold ? '600 ' : ''}13px system-ui, sans-serif`;
      const w = ctx.measureText(text).width;
      const x = sx(n[1]) + size(n[0]) + 4,
        y = sy(n[2]);
      for (const [bx, by, bw, bh] of boxes) if (x < bx + bw && x + w > bx && y - 8 < by + bh && y + 8 > by) return;
      boxes.push([x, y - 8, w, 16]);
      labels++;
      ctx.fillStyle = colours.bg;
      ctx.globalAlpha = 0.8;
      ctx.fillRect(x - 2, y - 8, w + 4, 16);
      ctx.globalAlpha = 1;
      ctx.fillStyle = colours.text;
      ctx.fillText(text, x, y);
    };
    if (focus) for (const i of focus) label(i, i === focused);
    for (let i = 0; i < nodes.length; i++) if (nodes[i]![0] === 0) label(i, true);
    if (scale > 0.7) for (let i = 0; i < nodes.length; i++) if (nodes[i]![0] === 1) label(i, false);
    if (scale > 1.4) for (let i = 0; i < nodes.length; i++) if (nodes[i]![0] === 2) label(i, false);
  }

  /** Zooms by `factor` around a point of the canvas (its centre by default). */
  const zoom = (factor: number, px = width / 2, py = height / 2) => {
    const next = Math.min(12, Math.max(0.02, scale * factor));
    fitted = false;
    tx = px - ((px - tx) * next) / scale;
    ty = py - ((py - ty) * next) / scale;
    scale = next;
    draw();
  };
  /** The node nearest a point of the canvas within `within` pixels, or -1. */
  const nearest = (px: number, py: number, within: number) => {
    let best = -1,
      bestD = within * within;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      const dx = n[1] * scale + tx - px,
        dy = n[2] * scale + ty - py;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  };
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  /** Focuses a node: draws its links and lists it and its neighbours below the map. */
  const focusOn = (i: number, centre: boolean) => {
    focused = i;
    if (i < 0) {
      focusBox.innerHTML = `<p class="muted">${escape(t('js.map.select'))}</p>`;
      draw();
      return;
    }
    const n = nodes[i]!;
    if (centre) {
      fitted = false;
      if (scale < 1) scale = 1.2;
      tx = width / 2 - n[1] * scale;
      ty = height / 2 - n[2] * scale;
    }
    const near = neighbours[i]!.map((j) => nodes[j]!).sort((a, b) => a[0] - b[0] || a[4].localeCompare(b[4], clientUi().lang));
    focusBox.innerHTML =
      `<p><strong>${KIND_NAMES[n[0]]}: <a href="${escape(hrefOf(n[5]))}">${escape(n[4])}</a></strong> — linked with ${near.length} page${near.length === 1 ? '' : 's'} on the map.</p>` +
      (near.length
        ? `<ul>${near
            .slice(0, 40)
            .map((m) => `<li><a href="${escape(hrefOf(m[5]))}">${escape(m[4])}</a> <span class="muted">${KIND_NAMES[m[0]].toLowerCase()}</span></li>`)
            .join('')}</ul>`
        : '');
    draw();
  };

  // Pointer: drag to pan, click to focus, wheel to zoom.
  let drag: { x: number; y: number; moved: boolean } | undefined;
  canvas.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, moved: false };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x,
      dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    tx += dx;
    ty += dy;
    fitted = false;
    drag.x = e.clientX;
    drag.y = e.clientY;
    draw();
  });
  canvas.addEventListener('pointerup', (e) => {
    const rect = canvas.getBoundingClientRect();
    if (drag && !drag.moved) focusOn(nearest(e.clientX - rect.left, e.clientY - rect.top, 14), false);
    drag = undefined;
  });
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const rect = canvas.getBoundingClientRect();
      zoom(Math.exp(-e.deltaY * 0.0015), e.clientX - rect.left, e.clientY - rect.top);
    },
    { passive: false },
  );
  canvas.addEventListener('dblclick', (e) => {
    const rect = canvas.getBoundingClientRect();
    zoom(2, e.clientX - rect.left, e.clientY - rect.top);
  });
  // Keyboard: arrows pan, + and − zoom, Enter focuses the page nearest the centre, Escape clears.
  canvas.addEventListener('keydown', (e) => {
    const step = 60;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => {
        tx += step;
        draw();
      },
      ArrowRight: () => {
        tx -= step;
        draw();
      },
      ArrowUp: () => {
        ty += step;
        draw();
      },
      ArrowDown: () => {
        ty -= step;
        draw();
      },
      '+': () => zoom(1.4),
      '=': () => zoom(1.4),
      '-': () => zoom(1 / 1.4),
      '0': () => {
        fit();
        draw();
      },
      Enter: () => focusOn(nearest(width / 2, height / 2, Math.max(width, height)), true),
      Escape: () => focusOn(-1, false),
    };
    const act = keys[e.key];
    if (act) {
      e.preventDefault();
      if (e.key.startsWith('Arrow')) fitted = false;
      act();
    }
  });
  for (const b of el.querySelectorAll<HTMLButtonElement>('[data-zoom]')) {
    b.addEventListener('click', () => {
      if (b.dataset.zoom === 'in') zoom(1.5);
      else if (b.dataset.zoom === 'out') zoom(1 / 1.5);
      else {
        fit();
        focusOn(-1, false);
      }
    });
  }
  const find = el.querySelector<HTMLFormElement>('.map-find')!;
  find.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = find.querySelector('input')!.value.trim().toLowerCase();
    if (!q) return;
    // Exact title first, then a title that starts with it, then one that contains it.
    let hit = nodes.findIndex((n) => n[4].toLowerCase() === q);
    if (hit < 0) hit = nodes.findIndex((n) => n[4].toLowerCase().startsWith(q));
    if (hit < 0) hit = nodes.findIndex((n) => n[4].toLowerCase().includes(q));
    if (hit < 0) focusBox.innerHTML = `<p>${escape(t('js.map.none', { query: q }))}</p>`;
    else focusOn(hit, true);
  });

  readColours();
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    readColours();
    draw();
  });
  new ResizeObserver(resize).observe(canvas);
  el.dataset.ready = String(nodes.length);
  if (data.omitted.nodes > 0)
    focusBox.insertAdjacentHTML(
      'beforeend',
      `<p class="muted">${data.omitted.nodes} notes with the fewest links are left off the map to keep it fast; the list below and the topic pages have them.</p>`,
    );
}
