// The SuperRes page: pick an image, queue a job (POST /api/jobs), follow it by server-sent events
// (GET /api/jobs/ID/events), then show before/after with a slider and offer the result for download.
'use strict';

const $ = (id) => document.getElementById(id);
let file = null;
let models = [];
let beforeUrl = null;
let afterUrl = null;

function setState(state) { document.body.dataset.state = state; }

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
  setState('error');
}

function megapixels(n) { return (n / 1e6).toFixed(1) + ' megapixels'; }

async function loadModels() {
  const response = await fetch('/api/models');
  const info = await response.json();
  models = info.models;
  $('model').replaceChildren(...models.map((m) => new Option(m.name, m.name)));
  fillScales();
  const l = info.limits;
  $('limits').textContent = `PNG, JPEG, BMP, PPM/PGM; up to ${(l.maxUploadBytes / 1048576).toFixed(0)} MB, ` +
    `${megapixels(l.maxInputPixels)} in, ${megapixels(l.maxOutputPixels)} out.`;
}

function fillScales() {
  const model = models.find((m) => m.name === $('model').value) || models[0];
  const previous = Number($('scale').value) || 4;
  $('scale').replaceChildren(...model.scales.map((s) => new Option('×' + s, String(s))));
  $('scale').value = String(model.scales.includes(previous) ? previous : model.scales.includes(4) ? 4 : model.scales[0]);
}

function choose(chosen) {
  if (!chosen) return;
  file = chosen;
  $('file-name').textContent = `${file.name} (${(file.size / 1024).toFixed(0)} KB)`;
  $('go').disabled = false;
  $('error').hidden = true;
  setState('chosen');
}

function showStatus(status) {
  const progress = $('progress');
  if (status.state === 'queued') {
    progress.removeAttribute('value');
    $('status').textContent = status.queuePosition > 0 ? `Queued, ${status.queuePosition} ahead` : 'Queued';
  } else if (status.state === 'running') {
    progress.max = Math.max(status.tilesTotal, 1);
    progress.value = status.tilesDone;
    $('status').textContent = status.tilesTotal > 0
      ? `Upscaling: tile ${status.tilesDone} of ${status.tilesTotal}` : 'Upscaling';
  } else if (status.state === 'done') {
    progress.max = 1;
    progress.value = 1;
    $('status').textContent = `Done in ${status.seconds} s`;
  }
  setState(status.state);
}

async function upscale(event) {
  event.preventDefault();
  if (!file) return;
  $('go').disabled = true;
  $('error').hidden = true;
  $('result').hidden = true;
  $('progress-box').hidden = false;
  $('status').textContent = 'Uploading';
  setState('uploading');
  const query = new URLSearchParams({ model: $('model').value, scale: $('scale').value, ensemble: $('ensemble').checked });
  const form = new FormData();
  form.append('image', file, file.name);
  try {
    const response = await fetch('/api/jobs?' + query, { method: 'POST', body: form });
    const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
    if (!response.ok) {
      const retry = response.headers.get('Retry-After');
      throw new Error(body.error + (retry ? ` (retry in ${retry} s)` : ''));
    }
    showStatus(body);
    follow(body.id);
  } catch (e) {
    $('progress-box').hidden = true;
    $('go').disabled = false;
    showError(e.message);
  }
}

function follow(id) {
  const events = new EventSource(`/api/jobs/${id}/events`);
  events.addEventListener('status', async (message) => {
    const status = JSON.parse(message.data);
    showStatus(status);
    if (status.state === 'done') {
      events.close();
      await showResult(status);
    } else if (status.state === 'failed' || status.state === 'cancelled') {
      events.close();
      $('go').disabled = false;
      showError(status.error || status.state);
    }
  });
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) return;
    events.close();
    $('go').disabled = false;
    showError('Lost the connection to the server.');
  };
}

async function showResult(status) {
  const response = await fetch(status.result);
  if (!response.ok) { showError(`Could not fetch the result (HTTP ${response.status}).`); return; }
  const blob = await response.blob();
  if (afterUrl) URL.revokeObjectURL(afterUrl);
  if (beforeUrl) URL.revokeObjectURL(beforeUrl);
  afterUrl = URL.createObjectURL(blob);
  beforeUrl = URL.createObjectURL(file);
  const stem = file.name.replace(/\.[^.]*$/, '') || 'image';
  await Promise.all([load($('after'), afterUrl), load($('before'), beforeUrl).catch(() => {})]);
  $('download').href = afterUrl;
  $('download').download = `${stem}_x${status.scale}.png`;
  $('result-info').textContent = `${status.inputWidth}×${status.inputHeight} → ${status.outputWidth}×${status.outputHeight}, ` +
    `${status.model} ×${status.scale}, ${(blob.size / 1024).toFixed(0)} KB`;
  $('result').hidden = false;
  $('go').disabled = false;
  setSplit(Number($('slider').value));
  setState('shown');
}

function load(img, url) {
  return new Promise((resolve, reject) => {
    img.onload = resolve;
    img.onerror = reject;
    img.src = url;
  });
}

function setSplit(percent) {
  $('before').style.clipPath = `inset(0 ${100 - percent}% 0 0)`;
  $('divider').style.left = percent + '%';
}

function dragSplit(event) {
  if (event.buttons === 0 && event.type !== 'pointerdown') return;
  const box = $('compare').getBoundingClientRect();
  const percent = Math.min(100, Math.max(0, (event.clientX - box.left) / box.width * 100));
  $('slider').value = String(percent);
  setSplit(percent);
}

function init() {
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('file').click(); } });
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    choose(e.dataTransfer.files[0]);
  });
  $('file').addEventListener('change', (e) => choose(e.target.files[0]));
  $('model').addEventListener('change', fillScales);
  $('settings').addEventListener('submit', upscale);
  $('slider').addEventListener('input', (e) => setSplit(Number(e.target.value)));
  $('compare').addEventListener('pointerdown', dragSplit);
  $('compare').addEventListener('pointermove', dragSplit);
  loadModels().catch((e) => showError('Could not load the models: ' + e.message));
}

init();
