import type { ClauseCount, ClauseStatus, Finding, PostReport, RunTotals } from '../types';
import type { FormatOptions, ReportSink, RunHead, Write } from './types';
import { findClause } from '../policy/catalog';
import { visible, visibleLine } from './escape';
import { positionLabel } from './location';
import { postTitle } from './render';
import { Spool } from './spool';
import { VERDICT_ORDER, VERDICTS, isPassing, summaryParts } from './verdicts';

/**
 * A review page for the week's scheduled posts: one self-contained HTML file (styles and the filter
 * script inline, a Content-Security-Policy that lets it fetch nothing, works from file://). A summary
 * by verdict and clause; one card per post that did not pass, with its text and the offending spans
 * highlighted, each finding's clause in the policy's words, the fix, and for a finding that needs the
 * manager's approval the `p5050 approve` command to copy; filters by verdict and clause; clean posts
 * listed collapsed. Post text is escaped (HTML, controls, bidi) and credentials found in it are masked.
 */

export function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Escaped for HTML, with controls and bidi characters shown visibly. */
const safe = (text: string): string => htmlEscape(visible(text));
const safeLine = (text: string): string => htmlEscape(visibleLine(text));


/**
 * The post text with each finding's span in a <mark>; where spans overlap, the piece is marked once
 * and names every finding it belongs to (data-f="0 2"), so each finding's characters can be found.
 */
export function highlighted(text: string, findings: Finding[]): string {
  const cuts = new Set<number>([0, text.length]);
  for (const f of findings) {
    cuts.add(Math.min(text.length, f.offset));
    cuts.add(Math.min(text.length, f.offset + f.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i]!, points[i + 1]!];
    const piece = safe(text.slice(from, to));
    const covering = findings.flatMap((f, index) => (f.offset <= from && to <= f.offset + f.length ? [index] : []));
    if (covering.length === 0) {
      out += piece;
      continue;
    }
    const worst = covering.some((n) => findings[n]!.severity === 'error') ? 'error' : covering.some((n) => findings[n]!.severity === 'warning') ? 'warning' : 'info';
    out += `<mark class="${worst}" data-f="${covering.join(' ')}">${piece}</mark>`;
  }
  return out;
}

function shellQuote(value: string): string {
  return /^[\w./@:+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The command that records the Department Manager's approval of this finding for this exact text. */
export function approveCommand(post: PostReport, f: Finding): string {
  const id = post.id !== post.source ? ` --id ${shellQuote(post.id)}` : '';
  return `p5050 approve ${shellQuote(post.source)}${id} --clause ${f.clause} --rule ${shellQuote(f.ruleId)} --by "NAME" --reason "WHY"`;
}

function findingItem(post: PostReport, f: Finding, index: number): string {
  const clause = post.clauses.find((c) => c.id === f.clause);
  const needsApproval = clause?.status === 'needs-approval' && !f.approval;
  // Secrets are masked already: in the excerpt by the pipeline, in the post's text by report/render.
  const excerpt = f.excerpt;
  const score = f.score !== undefined ? ` <span class="score">score ${f.score.toFixed(2)}</span>` : '';
  const parts = [
    `<li class="finding ${f.severity}" data-f="${index}" data-clause="${safeLine(f.clause)}">`,
    `<div class="where"><span class="sev">${needsApproval ? 'needs approval' : f.severity}</span> <b>${safeLine(f.clause)}</b> <span class="pos">${safeLine(positionLabel(post, f))}</span> <code class="rule">${safeLine(`${f.screener}/${f.ruleId}`)}</code>${score}</div>`,
    `<p class="why">${safeLine(f.message)}</p>`,
    `<p class="excerpt"><q>${safeLine(excerpt)}</q></p>`,
    `<p class="fix">→ ${safeLine(f.suggestion)}</p>`,
  ];
  if (f.approval) parts.push(`<p class="approved">✔ ${f.approval.kind === 'exception' ? '4.1 exception granted' : 'approved'} by ${safeLine(f.approval.by)} on ${safeLine(f.approval.at.slice(0, 10))}: ${safeLine(f.approval.reason)}</p>`);
  if (f.staleApproval) parts.push(`<p class="stale">✖ ${f.staleApproval.kind} by ${safeLine(f.staleApproval.by)} no longer matches the text: it blocks again</p>`);
  if (needsApproval) {
    parts.push(`<div class="approve"><span>To record the Department Manager's approval:</span><code class="cmd">${safeLine(approveCommand(post, f))}</code><button type="button" class="copy">Copy</button></div>`);
  }
  parts.push('</li>');
  return parts.join('');
}

/** The policy's words for each clause the post's findings break, once per clause. */
function clauseWords(findings: Finding[]): string {
  const ids = [...new Set(findings.map((f) => f.clause))];
  return ids
    .map((id) => {
      const clause = findClause(id);
      return clause ? `<blockquote data-clause="${safeLine(id)}"><b>P5050 ${safeLine(id)} ${safeLine(clause.title)}.</b> ${safeLine(clause.text)}</blockquote>` : '';
    })
    .join('');
}

function metaLine(post: PostReport): string {
  const { date, network } = post.meta ?? {};
  return [date, network].filter((v) => v !== undefined).map((v) => safeLine(String(v))).join(' · ');
}

function card(post: PostReport, text: string | undefined): string {
  const v = VERDICTS[post.verdict];
  const clauses = [...new Set([...post.findings.map((f) => f.clause), ...post.clauses.filter((c) => c.status === 'not-screened' || c.status === 'error').map((c) => c.id)])];
  const body = text === undefined ? '' : `<div class="text">${highlighted(text, post.findings)}</div>`;
  const unscreened = post.clauses
    .filter((c) => c.status === 'not-screened' || c.status === 'error')
    .map((c) => `<li class="unscreened">? <b>${safeLine(c.id)}</b> ${safeLine(c.title)}: ${safeLine(c.detail ?? 'not screened')}</li>`)
    .join('');
  const notes = (post.notes ?? []).map((n) => `<li class="note">ⓘ ${safeLine(n.message)} <span class="fix">→ ${safeLine(n.suggestion)}</span> <small>${safeLine(n.standard ?? '')} — not a P5050 clause</small></li>`).join('');
  const errors = post.errors.map((e) => `<li class="error">✖ screener ${safeLine(e.screener)} failed: ${safeLine(e.message)}</li>`).join('');
  const omitted = post.omittedFindings ? `<li>… ${post.omittedFindings} more findings not shown</li>` : '';
  return [
    `<article class="card" data-verdict="${post.verdict}" data-clauses="${clauses.map(safeLine).join(' ')}">`,
    `<header><span class="badge ${post.verdict}">${v.mark} ${htmlEscape(v.short)}</span> <h3>${safeLine(postTitle(post))}</h3> <span class="meta">${metaLine(post)}</span></header>`,
    body,
    `<ul class="findings">${post.findings.map((f, i) => findingItem(post, f, i)).join('')}${unscreened}${errors}${omitted}${notes}</ul>`,
    clauseWords(post.findings),
    '</article>\n',
  ].join('');
}

const CLAUSE_COLUMNS: Array<[ClauseStatus, string]> = [
  ['failed', 'Failed'],
  ['needs-approval', 'Needs approval'],
  ['warning', 'Review'],
  ['not-screened', 'Not screened'],
  ['error', 'Screener error'],
];

function clauseTable(counts: ClauseCount[]): string {
  const rows = counts.filter((c) => c.kind !== 'manual');
  if (rows.length === 0) return '';
  const head = `<tr><th>Clause</th><th>Title</th>${CLAUSE_COLUMNS.map(([, l]) => `<th>${l}</th>`).join('')}</tr>`;
  const body = rows.map((c) => `<tr><td>${safeLine(c.id)}</td><td>${safeLine(c.title)}</td>${CLAUSE_COLUMNS.map(([s]) => `<td class="${c.counts[s] ? (s === 'failed' || s === 'error' ? 'hit' : 'warn') : 'zero'}">${c.counts[s]}</td>`).join('')}</tr>`).join('');
  return `<table class="clauses"><caption>Per clause (number of posts)</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

const STYLE = `
:root{--red:#b42318;--yellow:#9a6700;--green:#1a7f37;--line:#d0d7de;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#f6f8fa}
body{max-width:72rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.4rem;margin:.5rem 0}h3{display:inline;font-size:1rem;margin:0}
.summary{display:flex;gap:.75rem;flex-wrap:wrap;margin:.5rem 0 1rem}.summary span{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.35rem .7rem}
table.clauses{border-collapse:collapse;background:#fff;margin-bottom:1rem}table.clauses td,table.clauses th{border:1px solid var(--line);padding:.25rem .5rem;text-align:left}td.hit{font-weight:700;color:var(--red)}td.warn{font-weight:700;color:var(--yellow)}td.zero{color:#8c959f}
caption{text-align:left;font-weight:600;padding:.25rem 0}
form.filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;margin-bottom:1rem}
.card{background:#fff;border:1px solid var(--line);border-left:6px solid var(--yellow);border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}
.card[data-verdict=blocked]{border-left-color:var(--red)}.card header{display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}.meta{color:#656d76}
.badge{font-weight:700;font-size:.85rem}.badge.blocked{color:var(--red)}.badge.clean{color:var(--green)}.badge.review,.badge.not-screened,.badge.needs-approval{color:var(--yellow)}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9rem;background:#f6f8fa;border-radius:4px;padding:.6rem;margin:.6rem 0}
mark{background:#fff1a8;border-bottom:2px solid var(--yellow);padding:0 1px}mark.error{background:#ffd7d5;border-bottom-color:var(--red)}
ul.findings{list-style:none;padding:0;margin:0}.finding{border-top:1px solid var(--line);padding:.5rem 0}.finding p{margin:.2rem 0}
.sev{font-weight:700;text-transform:uppercase;font-size:.75rem}.finding.error .sev{color:var(--red)}.finding.warning .sev{color:var(--yellow)}
.pos,.rule,.score{color:#656d76;font-size:.85rem}.fix{color:#0550ae}.approved{color:var(--green)}.stale{color:var(--red)}
.approve{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;background:#fff8c5;border-radius:4px;padding:.4rem .6rem;margin-top:.3rem}
code.cmd{background:#fff;border:1px solid var(--line);padding:.15rem .4rem;border-radius:4px;user-select:all}
blockquote{margin:.5rem 0 0;padding:.3rem .8rem;border-left:3px solid var(--line);color:#424a53;font-size:.9rem}
details.clean{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem}.note{color:#424a53}
[hidden]{display:none!important}
`;

/** Filters (verdict check boxes, a clause list) and the copy buttons; the page works without it. */
const SCRIPT = `
(function(){
  var form=document.querySelector('form.filters');
  function apply(){
    var verdicts=[].slice.call(form.querySelectorAll('input[name=verdict]:checked')).map(function(i){return i.value;});
    var clause=form.querySelector('select[name=clause]').value;
    var shown=0;
    document.querySelectorAll('article.card').forEach(function(card){
      var ok=verdicts.indexOf(card.dataset.verdict)!==-1&&(!clause||card.dataset.clauses.split(' ').indexOf(clause)!==-1);
      card.hidden=!ok; if(ok)shown++;
    });
    document.getElementById('shown').textContent=String(shown);
  }
  form.addEventListener('change',apply);
  document.querySelectorAll('button.copy').forEach(function(b){
    b.addEventListener('click',function(){
      var cmd=b.parentNode.querySelector('code.cmd'); var range=document.createRange(); range.selectNodeContents(cmd);
      var sel=window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
      var done=function(){b.textContent='Copied';};
      if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(cmd.textContent).then(done,function(){document.execCommand('copy');done();});}
      else{document.execCommand('copy');done();}
    });
  });
  apply();
})();
`;

/** Cards wait in a spool (a temporary file when large); the summary comes first on the page. */
export function htmlSink(write: Write, head: RunHead, _options: FormatOptions): ReportSink {
  // The doctype goes out at once: a closed output is noticed before any screening.
  write('<!DOCTYPE html>\n');
  const cards = new Spool();
  let cardCount = 0;
  const clean: string[] = [];
  let cleanCount = 0;
  const clausesSeen = new Set<string>();
  return {
    filler: '\n',
    post(post, text) {
      if (isPassing(post)) {
        cleanCount += 1;
        // A few thousand names are a useful list; beyond that only the count.
        if (clean.length < 5000) clean.push(`<li>${safeLine(postTitle(post))}${post.notes?.length ? ` <span class="note">ⓘ ${post.notes.map((n) => safeLine(n.message)).join(' ')}</span>` : ''}</li>`);
        return;
      }
      for (const f of post.findings) clausesSeen.add(f.clause);
      cards.write(card(post, text));
      cardCount += 1;
    },
    end(totals: RunTotals) {
      const s = totals.summary;
      const title = `p5050 review: ${s.posts} post${s.posts === 1 ? '' : 's'} against ${head.policy.policy}`;
      const counts = summaryParts(s).map(({ verdict: v, text }) => `<span class="badge ${v}" data-count="${v}">${VERDICTS[v].mark} ${htmlEscape(text)}</span>`).join('');
      const inputErrors = totals.inputErrors.length
        ? `<section class="input-errors"><h2>Input errors (not screened)</h2><ul>${totals.inputErrors.map((e) => `<li><b>${safeLine(e.source)}</b>: ${safeLine(e.message)}</li>`).join('')}</ul></section>`
        : '';
      const verdictBoxes = VERDICT_ORDER.filter((v) => !VERDICTS[v].passing)
        .map((v) => `<label><input type="checkbox" name="verdict" value="${v}" checked> ${htmlEscape(VERDICTS[v].short)}</label>`)
        .join(' ');
      const clauseOptions = [...clausesSeen].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((id) => `<option value="${safeLine(id)}">${safeLine(id)} ${safeLine(findClause(id)?.title ?? '')}</option>`).join('');
      write(
        [
          '<html lang="en"><head><meta charset="utf-8">',
          `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
          '<meta name="viewport" content="width=device-width, initial-scale=1">',
          `<title>${htmlEscape(title)}</title><style>${STYLE}</style></head><body>`,
          `<h1>${htmlEscape(title)}</h1>`,
          `<p>${htmlEscape(`${head.tool.name} ${head.tool.version} · ${head.policy.policy}, revision ${head.policy.revision}`)}</p>`,
          `<div class="summary">${counts}${s.inputErrors ? `<span class="badge blocked">✖ ${s.inputErrors} input error${s.inputErrors === 1 ? '' : 's'}</span>` : ''}</div>`,
          clauseTable(totals.clauseCounts),
          inputErrors,
          `<h2>Posts that did not pass (<span id="shown">${cardCount}</span> shown of ${cardCount})</h2>`,
          `<form class="filters">${verdictBoxes} <label>Clause <select name="clause"><option value="">all</option>${clauseOptions}</select></label></form>`,
          '',
        ].join('\n'),
      );
      cards.drainTo(write);
      const more = cleanCount > clean.length ? `<li>… and ${cleanCount - clean.length} more</li>` : '';
      write(`<details class="clean"><summary>${cleanCount} clean post${cleanCount === 1 ? '' : 's'}</summary><ul>${clean.join('')}${more}</ul></details>\n<script>${SCRIPT}</script>\n</body></html>\n`);
    },
  };
}
