//! The stylesheet and the script of every page, embedded in the binary and sent inline with the
//! response's nonce: nothing is fetched from anywhere else, no web font (a font stack that the
//! common systems have for Korean).

/// The stylesheet. No rule depends on a `style` attribute; bars are `<meter>` elements.
pub(crate) const STYLE: &str = r#"
:root {
  --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --bg: #f6f7f9; --card: #fff;
  --brand: #0b6e4f; --brand-ink: #fff; --todo: #eef1f5; --doing: #fff1c2; --done: #d8f0e3;
  --error: #b42318; --focus: #ffbf47;
  font-family: system-ui, -apple-system, "Apple SD Gothic Neo", "Malgun Gothic", "맑은 고딕",
    "Noto Sans KR", "Noto Sans CJK KR", "Nanum Gothic", "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--bg); line-height: 1.55;
  word-break: keep-all; overflow-wrap: break-word;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: #0b4f9c; }
a:focus, button:focus, input:focus, textarea:focus, summary:focus {
  outline: 3px solid var(--focus); outline-offset: 1px;
}
header.top { background: var(--brand); color: var(--brand-ink); }
header .bar { max-width: 72rem; margin: 0 auto; padding: .6rem 1rem; display: flex;
  flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; }
header a { color: var(--brand-ink); text-decoration: none; }
header .brand { font-weight: 700; font-size: 1.05rem; }
header nav { display: flex; flex-wrap: wrap; gap: .2rem 1rem; flex: 1; }
header nav a:hover { text-decoration: underline; }
header nav a:first-child { max-width: 16rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
@media (max-width: 40rem) {
  header nav { order: 3; flex-basis: 100%; font-size: .92rem; }
  header nav a:first-child { max-width: 10rem; }
  h1 { font-size: 1.3rem; }
}
header form.lang { display: flex; gap: .25rem; margin-left: auto; }
header form.lang button { background: transparent; color: var(--brand-ink);
  border: 1px solid rgba(255,255,255,.5); border-radius: 999px; padding: .15rem .7rem;
  font: inherit; font-size: .85rem; cursor: pointer; }
header form.lang button[aria-pressed="true"] { background: var(--brand-ink); color: var(--brand); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: .85rem; }
h1 { font-size: 1.5rem; line-height: 1.35; margin: .4rem 0 .8rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; }
.lead, .progress, .file, .hint, .note, small { color: var(--muted); }
.progress { font-size: .92rem; margin: 0 0 .2rem; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 1.5rem; align-items: start; }
aside { display: grid; gap: 1rem; }
@media (max-width: 52rem) { .columns { grid-template-columns: minmax(0, 1fr); } }
form.q, section.live, section.help, ol.tasks, dl.review, .alert, form.add, pre.report, .scroll {
  background: var(--card); border: 1px solid var(--line); border-radius: .6rem; }
form.q, form.add { padding: 1rem 1.1rem; }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
legend { padding: 0; }
legend h1 { margin: 0 0 .6rem; }
.field { margin: .8rem 0; }
.field label { display: block; font-weight: 600; margin-bottom: .25rem; }
.field.year { display: grid; grid-template-columns: 9rem minmax(0, 14rem); gap: .6rem; align-items: center; }
.field.year label { margin: 0; }
input[type="text"], textarea { width: 100%; font: inherit; padding: .55rem .65rem;
  border: 2px solid #8a93a3; border-radius: .35rem; background: #fff; color: var(--ink); }
input[type="text"][inputmode] { max-width: 16rem; }
input[aria-invalid="true"], textarea[aria-invalid="true"] { border-color: var(--error); }
.unit { margin-left: .5rem; color: var(--muted); }
.choices { display: grid; gap: .45rem; margin: .6rem 0; }
.choices label { display: flex; gap: .6rem; align-items: flex-start; padding: .6rem .75rem;
  border: 1px solid var(--line); border-radius: .4rem; background: #fbfcfd; cursor: pointer; }
.choices label:hover { border-color: #8a93a3; }
.choices input { width: 1.15rem; height: 1.15rem; margin: .2rem 0 0; flex: none; }
.choices .none { color: var(--muted); }
.error { color: var(--error); font-weight: 600; margin: .3rem 0; }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: 1rem 0 .4rem; }
button, .button { font: inherit; display: inline-block; padding: .55rem 1rem; border-radius: .4rem;
  border: 1px solid #8a93a3; background: #fff; color: var(--ink); cursor: pointer; text-decoration: none; }
button.primary, .button.primary { background: var(--brand); border-color: var(--brand);
  color: var(--brand-ink); font-weight: 600; }
button.link { border: 0; background: none; padding: 0; color: #0b4f9c; text-decoration: underline; }
.button.back { border-color: transparent; }
.saved { color: var(--brand); font-size: .9rem; }
details.more { border-top: 1px solid var(--line); margin-top: .8rem; padding-top: .6rem; }
details.more summary { cursor: pointer; font-weight: 600; color: #0b4f9c; }
p.clear { margin: .8rem 0 0; font-size: .9rem; }
section.help { padding: .8rem 1rem; background: #f3f8ff; border-color: #c9dcf5; }
section.help h2 { margin: 0 0 .4rem; font-size: 1rem; }
section.help p { margin: .4rem 0; }
section.live { padding: .9rem 1rem; }
.live .total { display: flex; align-items: baseline; flex-wrap: wrap; gap: .35rem; }
.live .label { width: 100%; color: var(--muted); font-size: .85rem; }
.live .total .num { font-size: 2.2rem; font-weight: 700; line-height: 1; }
.live .of { color: var(--muted); }
.live .grade { margin-left: auto; font-weight: 700; color: var(--brand); }
ul.areas { list-style: none; padding: 0; margin: .8rem 0 .4rem; display: grid; gap: .35rem; }
ul.areas li { display: grid; grid-template-columns: minmax(0, 1fr) 6rem 2.8rem; gap: .5rem; align-items: center; font-size: .9rem; }
ul.areas .num { text-align: right; font-variant-numeric: tabular-nums; }
meter { width: 100%; height: .8rem; }
.live .left { margin: .4rem 0 0; font-weight: 600; }
.live .hint { font-size: .8rem; margin: .3rem 0 0; }
.summary { font-weight: 600; }
ol.tasks { list-style: none; padding: 0; margin: 1rem 0; }
ol.tasks li { display: flex; flex-wrap: wrap; gap: .2rem 1rem; align-items: center;
  padding: .75rem 1rem; border-bottom: 1px solid var(--line); }
ol.tasks li:last-child { border-bottom: 0; }
ol.tasks li a { font-weight: 600; flex: 1 1 12rem; }
ol.tasks .count { color: var(--muted); font-size: .88rem; }
.tag { font-size: .82rem; padding: .1rem .55rem; border-radius: .25rem; font-weight: 600; }
.tag.todo { background: var(--todo); color: #3b4454; }
.tag.doing { background: var(--doing); color: #5c4400; }
.tag.done { background: var(--done); color: #0b5a3a; }
dl.review { margin: .5rem 0; }
dl.review .row { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 2fr) 5rem; gap: .3rem 1rem;
  padding: .65rem 1rem; border-bottom: 1px solid var(--line); }
dl.review .row:last-child { border-bottom: 0; }
dl.review .row.open dd:not(.change) { color: var(--error); }
dl.review dt { font-weight: 600; }
dl.review dd { margin: 0; }
dl.review dd.change { text-align: right; }
dl.review span { display: block; }
dl.review .evidence, dl.review .note { color: var(--muted); font-size: .9rem; }
@media (max-width: 40rem) { dl.review .row { grid-template-columns: minmax(0, 1fr); }
  dl.review dd.change { text-align: left; } .field.year { grid-template-columns: minmax(0, 1fr); } }
.alert { border-color: #f0b400; background: #fff8e0; padding: .8rem 1rem; margin: .6rem 0 1rem; }
.alert .theirs { background: #fff; border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .75rem; }
.alert .theirs span { display: block; }
.alert .label { color: var(--muted); font-size: .85rem; }
pre.report, pre.details { padding: 1rem; overflow-x: auto; font-size: .85rem; line-height: 1.45;
  font-family: ui-monospace, "D2Coding", "Nanum Gothic Coding", Menlo, Consolas, monospace; }
.scroll { overflow-x: auto; }
form.add input[type="text"] { max-width: 28rem; }
table.firms { border-collapse: collapse; width: 100%; }
table.firms th, table.firms td { padding: .55rem .75rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table.firms .n { text-align: right; font-variant-numeric: tabular-nums; }
[hidden] { display: none !important; }
.toolbar { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: center; justify-content: space-between; margin: 0 0 1rem; }
.toolbar p { margin: 0; color: var(--muted); }
@media print { header.top, footer, aside, .actions, .toolbar { display: none; } body { background: #fff; }
  main { max-width: none; padding: 0; } }
"#;

/// The page's script: a question's form saves itself as answers change (the same POST, asking
/// for JSON), and the score, grade, area bars and questions left are updated from the answer.
/// A refused save (another window changed the answer) is sent again as a plain form, so the
/// server's page shows both answers.
pub(crate) const SCRIPT: &str = r#"
(function () {
  var print = document.querySelector('[data-print]');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () { window.print(); });
  }
})();
(function () {
  var form = document.querySelector('form[data-live]');
  if (!form || !window.fetch) return;
  var status = document.getElementById('save-status');
  var timer = null, busy = false, again = false, after = null;
  function say(text) { if (status) status.textContent = text; }
  function set(id, text) { var e = document.getElementById(id); if (e) e.textContent = text; }
  function shown(field, message) {
    ['value', 'reason'].forEach(function (f) {
      var e = document.getElementById('err-' + f);
      if (!e) return;
      if (f === field) { e.textContent = message; e.hidden = false; }
      else { e.textContent = ''; e.hidden = true; }
    });
  }
  function live(l) {
    set('live-total', l.total); set('live-grade', l.grade); set('live-left', l.left);
    l.areas.forEach(function (a, i) {
      var m = document.getElementById('live-area-' + i);
      if (m) m.value = a.value;
      set('live-area-' + i + '-n', a.text);
    });
  }
  function save() {
    if (busy) { again = true; return; }
    busy = true;
    var body = new URLSearchParams(new FormData(form));
    body.set('act', 'save');
    fetch(form.action, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Accept': 'application/json',
                 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString()
    }).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, j: j }; });
    }).then(function (res) {
      busy = false;
      if (res.status === 409) { form.submit(); return; }
      if (!res.j.ok) { shown(res.j.field, res.j.message || ''); say(''); return; }
      shown(null, '');
      form.elements.was.value = res.j.was;
      live(res.j.live);
      say(res.j.message);
      if (after) { send(after); return; }
      if (again) { again = false; save(); }
    }).catch(function () { busy = false; say(''); });
  }
  form.addEventListener('change', function (e) {
    if (e.target.name === 'reason') return;
    clearTimeout(timer);
    timer = setTimeout(save, 250);
  });
  // A button pressed while a save is under way waits for it, so that the form carries the stamp
  // of the answer just saved.
  function send(button) {
    var act = document.createElement('input');
    act.type = 'hidden'; act.name = 'act'; act.value = button ? button.value : 'save';
    form.appendChild(act);
    form.submit();
  }
  form.addEventListener('submit', function (e) {
    clearTimeout(timer);
    if (busy) { e.preventDefault(); after = e.submitter || form.querySelector('button[value=save]'); }
  });
})();
"#;
