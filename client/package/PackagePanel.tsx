// The selected package: live totals and every rule's check while it is edited, its members, and
// the operations (rename, lock, split by picking or by a drawn line, merge, delete, report).
import { useEffect, useMemo, useState } from 'react';
import type { CommunityView, PackageListItem } from '../../server/domain/api.ts';
import type { PackageStatus } from '../../server/domain/model.ts';
import { failed } from '../../server/domain/packageRules.ts';
import { packageTotals } from '../../server/domain/views.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Api } from '../api.ts';
import { PackageGapsSection, type SharedSite } from './PackageGapsSection.tsx';
import { PackagePipesSection } from './PackagePipesSection.tsx';
import type { Editor } from './useEditor.ts';
import type { Adjacency } from './rules.ts';
import type { Suggestion } from './useSuggestions.ts';

interface Props {
  api: Api;
  site: SharedSite | null;
  onSite(site: SharedSite | null): void;
  editor: Editor;
  communities: Map<string, CommunityView>;
  adjacency: Adjacency;
  lineSplit: boolean;
  onLineSplit(on: boolean): void;
  onClose(): void;
}

export function PackagePanel({ api, site, onSite, editor, communities, adjacency, lineSplit, onLineSplit, onClose }: Props) {
  const { t, num, lang } = useI18n();
  const p = editor.selected!;
  const members = editor.members ?? [];
  const [picked, setPicked] = useState<string[]>([]);
  const [mergeWith, setMergeWith] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  useEffect(() => { setPicked([]); setMergeWith(''); setRenaming(null); }, [p.id]);

  const props = members.map((id) => communities.get(id)).filter((c): c is CommunityView => !!c);
  const totals = packageTotals(props);
  const bad = failed(editor.checks);
  const locked = p.locked;
  const saving = editor.pending > 0;

  // Merge candidates: unlocked packages next to this one first, then the rest of its 街道.
  const candidates = useMemo(() => {
    const mine = new Set(members);
    const near = new Set<string>();
    for (const id of members) for (const nb of adjacency.get(id) ?? []) {
      const o = editor.owners.get(nb);
      if (o && !mine.has(nb) && o !== p.id) near.add(o);
    }
    const street = props[0]?.subdistrict;
    const others = editor.list.filter((q) => q.id !== p.id && !q.locked);
    const rank = (q: PackageListItem) => (near.has(q.id) ? 0 : communities.get(q.members[0])?.subdistrict === street ? 1 : 2);
    return others.filter((q) => rank(q) < 2).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN')).map((q) => ({ q, near: near.has(q.id) }));
  }, [editor.list, editor.owners, members, p.id]);

  return (
    <aside className="card community-panel package-panel" data-testid="package-panel" aria-label={p.name}>
      <button type="button" className="close" aria-label={t.panel.close} onClick={onClose}>×</button>
      {renaming === null ? (
        <h2>{p.name} {!locked && <button type="button" className="link" onClick={() => setRenaming(p.name)}>{t.pkg.rename}</button>}</h2>
      ) : (
        <form className="rename" onSubmit={(e) => { e.preventDefault(); if (renaming.trim()) void editor.rename(renaming.trim()); setRenaming(null); }}>
          <input value={renaming} onChange={(e) => setRenaming(e.target.value)} maxLength={100} autoFocus aria-label={t.pkg.rename} />
          <button type="submit" className="button">{t.pkg.save}</button>
        </form>
      )}
      <p className="muted">
        {p.id} · {t.enums.status[p.status as PackageStatus] ?? p.status}{p.batch ? ` · ${p.batch}` : ''}
        {locked && <span className="badge">{t.pkg.locked}</span>}
        <span className="save-state" data-testid="save-state">{saving ? t.pkg.saving : t.pkg.saved}</span>
      </p>

      <dl className="totals" data-testid="package-totals">
        <div><dt>{t.panel.households}</dt><dd data-testid="package-households">{t.pkg.households(num(totals.households))}</dd></div>
        <div><dt>{t.pkg.compounds}</dt><dd>{t.pkg.communities(totals.communityCount)}</dd></div>
        <div><dt>{t.panel.buildings}</dt><dd>{t.panel.buildingsValue(num(totals.buildings))}</dd></div>
        <div><dt>{t.panel.floorArea}</dt><dd>{t.panel.squareMetres(num(totals.floorArea))}</dd></div>
      </dl>

      {bad.length > 0 && (
        <div className="warn-box danger" role="alert" data-testid="rule-warning">
          <strong>{t.pkg.breaksRules(bad.length)}</strong>
          <ul>{bad.map((c) => <li key={c.rule}>{lang === 'en' ? c.messageEn : c.message}</li>)}</ul>
          <p className="note">{t.pkg.draftNote}</p>
        </div>
      )}
      <ul className="checks-list" data-testid="rule-checks">
        {editor.checks.map((c) => (
          <li key={c.rule} className={c.ok ? 'ok' : 'bad'} data-rule={c.rule}>
            <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> <strong>{t.pkg.rule[c.rule]}</strong>
            <span className="note"> {lang === 'en' ? c.messageEn : c.message}</span>
          </li>
        ))}
      </ul>

      <h3>{t.pkg.membersTitle}</h3>
      <p className="note">{locked ? t.pkg.lockedNote : t.pkg.clickHint}</p>
      <table className="members" data-testid="members-table">
        <thead><tr><th aria-label={t.pkg.pick} />{[t.panel.name, t.panel.households, t.panel.buildYear].map((h) => <th key={h}>{h}</th>)}<th /></tr></thead>
        <tbody>
          {props.map((c) => (
            <tr key={c.id} className={bad.some((b) => b.communities.includes(c.id)) ? 'bad' : undefined}>
              <td><input type="checkbox" disabled={locked} checked={picked.includes(c.id)} aria-label={c.name}
                onChange={(e) => setPicked((xs) => (e.target.checked ? [...xs, c.id] : xs.filter((x) => x !== c.id)))} /></td>
              <td>{c.name}</td>
              <td className="num">{num(c.households)}</td>
              <td className="num">{c.buildYear}</td>
              <td>{!locked && <button type="button" className="mini" onClick={() => editor.toggle(c.id)} aria-label={t.pkg.removeMember(c.name)}>−</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="panel-actions">
        <button type="button" className="button" onClick={() => void editor.setLocked(!locked)} data-testid="lock">{locked ? t.pkg.unlock : t.pkg.lock}</button>
        {!locked && (
          <>
            <button type="button" className="button" disabled={!picked.length || picked.length === members.length}
              onClick={() => { void editor.split(picked, t.pkg.splitName(p.name)); setPicked([]); }}>{t.pkg.splitPicked(picked.length)}</button>
            <button type="button" className={`button${lineSplit ? ' primary' : ''}`} onClick={() => onLineSplit(!lineSplit)} data-testid="split-line">{t.pkg.splitLine}</button>
            <button type="button" className="button" onClick={() => { if (confirm(t.pkg.confirmDelete(p.name))) void editor.removePackage(); }}>{t.pkg.delete}</button>
          </>
        )}
        <a className="button" href={`/report/${encodeURIComponent(p.id)}`} target="_blank" rel="noreferrer" data-testid="report-link">{t.pkg.report}</a>
      </div>
      <PackageGapsSection api={api} id={p.id} version={p.version} site={site} onSite={onSite} />
      <PackagePipesSection api={api} id={p.id} version={p.version} />
      {!locked && candidates.length > 0 && (
        <div className="merge-row">
          <select value={mergeWith} onChange={(e) => setMergeWith(e.target.value)} aria-label={t.pkg.mergeWith}>
            <option value="">{t.pkg.mergeWith}</option>
            {candidates.map(({ q, near }) => <option key={q.id} value={q.id}>{near ? '◆ ' : ''}{q.name}（{t.pkg.households(num(q.households))}）</option>)}
          </select>
          <button type="button" className="button" disabled={!mergeWith} onClick={() => { void editor.merge(mergeWith); setMergeWith(''); }}>{t.pkg.merge}</button>
        </div>
      )}
    </aside>
  );
}

/** A suggestion picked from the list: why the engine proposes it, and accept or reject. */
export function SuggestionPanel({ s, onAccept, onReject, onClose }: { s: Suggestion; onAccept(): void; onReject(): void; onClose(): void }) {
  const { t, num, lang } = useI18n();
  return (
    <aside className="card community-panel package-panel" data-testid="suggestion-panel">
      <button type="button" className="close" aria-label={t.panel.close} onClick={onClose}>×</button>
      <h2>{t.pkg.suggestionTitle}</h2>
      <dl className="totals">
        <div><dt>{t.panel.households}</dt><dd>{t.pkg.households(num(s.households))}</dd></div>
        <div><dt>{t.pkg.compounds}</dt><dd>{t.pkg.communities(s.communityCount)}</dd></div>
        <div><dt>{t.panel.subdistrict}</dt><dd>{s.subdistrict}</dd></div>
        <div><dt>{t.pkg.compactness}</dt><dd>{num(s.compactness, 2)}</dd></div>
      </dl>
      <p className="explanation">{lang === 'en' ? s.explanationEn : s.explanation}</p>
      {s.replaces.length > 0 && <p className="warn-box">{t.pkg.replaces(s.replaces.join('、'))}</p>}
      <div className="panel-actions">
        <button type="button" className="button primary" onClick={onAccept}>{t.pkg.accept}</button>
        <button type="button" className="button" onClick={onReject}>{t.pkg.reject}</button>
      </div>
    </aside>
  );
}
