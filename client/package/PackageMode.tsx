// 组包 mode: designers turn small adjacent compounds into renovation packages. Suggestions from
// the engine are drawn in package colours; saved packages are edited by clicking, box, lasso or a
// cut line on the map, with totals and rule checks updating as they work.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FilterSpecification, GeoJSONSource } from 'maplibre-gl';
import { LineLayer, PathLayer } from '@deck.gl/layers';
import type { CommunityView, DatasetResponse } from '../../server/domain/api.ts';
import type { PipeKind } from '../../server/domain/model.ts';
import type { Settings } from '../../server/domain/settings.ts';
import { layerUrl, type Api, type AppData } from '../api.ts';
import { Header, type Mode } from '../Header.tsx';
import { useI18n } from '../i18n/index.tsx';
import { labelPoints } from '../map/labelPoints.ts';
import { LAYER, SRC } from '../map/layers.ts';
import { useHostMap, useModeLook } from '../map/MapHost.tsx';
import { viewPadding } from '../map/padding.ts';
import { DECK_COMMON } from '../map/selectionOverlay.ts';
import { assignColours, boxOf, PALETTE_DARK, type Box } from './colours.ts';
import { HoverTooltip } from './HoverTooltip.tsx';
import { DrawTool, type Tool } from './DrawTool.tsx';
import { insidePixels, splitByLine, type Pixel } from './pixels.ts';
import { PackageList } from './PackageList.tsx';
import { PackagePanel, SuggestionPanel } from './PackagePanel.tsx';
import type { SharedSite } from './PackageGapsSection.tsx';
import { siteLayer } from '../map/siteLayer.ts';
import {
  BAD_COLOUR, CompoundStates, INELIGIBLE_COLOUR, installPackageLayers, LARGE_COLOUR, packageFill, removePackageLayers,
  setPackageLabels, SMALL_COLOUR, type CompoundState, type PackageLabel,
} from './packageLayers.ts';
import { adjacency as buildAdjacency, type Adjacency } from './rules.ts';
import { SuggestPanel } from './SuggestPanel.tsx';
import { useEditor } from './useEditor.ts';
import { useSuggestions, type Suggestion } from './useSuggestions.ts';

interface Props {
  dataset: DatasetResponse;
  data: AppData;
  api: Api;
  onMode(mode: Mode): void;
  /** Saved settings changed (the rules this mode checks against). */
  onSettingsChanged(): Promise<void>;
  /** Something was saved: Explore must reload its layers when it comes back. */
  onDirty(): void;
}

const VISIBLE = { communities: true, labels: true, packages: true, pipes: false, amenities: false, roads: true, water: true, boundaries: true };
const ALL: FilterSpecification = ['all'];
const NO_PIPES: PipeKind[] = [];
type Rgba = [number, number, number, number];
const hexRgba = (hex: string, a = 255): Rgba => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), a];
const BAD_RGBA = hexRgba(BAD_COLOUR);
const FOCUS_RGBA = hexRgba('#1f1a17');

export function PackageMode({ dataset, data, api, onMode, onSettingsChanged, onDirty }: Props) {
  const { t, num, lang } = useI18n();
  const settings = dataset.settings;
  const map = useHostMap();
  const [tab, setTab] = useState<'suggest' | 'packages'>('suggest');
  const [tool, setTool] = useState<Tool | null>(null);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [showLinks, setShowLinks] = useState(false);
  const [adj, setAdj] = useState<Adjacency>(() => new Map());
  const [savingSettings, setSavingSettings] = useState(false);

  const communities = useMemo(() => new Map<string, CommunityView>(data.communities.features.map((f) => [f.properties.id, f.properties])), [data.communities]);
  const rings = useMemo(() => new Map(data.communities.features.map((f) => [f.properties.id, f.geometry.coordinates])), [data.communities]);
  const anchors = useMemo(() => {
    const m = new Map<string, [number, number]>();
    for (const f of labelPoints(data.communities).features) m.set(f.properties.id, f.geometry.coordinates as [number, number]);
    return m;
  }, [data.communities]);

  // The neighbour graph the server checks against; fetched again whenever the saved settings change.
  useEffect(() => {
    const ctrl = new AbortController();
    api.neighbours(ctrl.signal).then((r) => setAdj(buildAdjacency(r.edges)), () => undefined);
    return () => ctrl.abort();
  }, [settings]);

  const refreshOutlines = useCallback(() => {
    onDirty();
    if (!map) return;
    (map.getSource(SRC.packages) as GeoJSONSource | undefined)?.setData(layerUrl('packages'));
  }, [map, onDirty]);

  const labels = useMemo(() => ({
    add: t.pkg.history.add, remove: t.pkg.history.remove, addMany: t.pkg.history.addMany, create: t.pkg.history.create,
    rename: t.pkg.history.rename, lock: t.pkg.history.lock, split: t.pkg.history.split, merge: t.pkg.history.merge,
    removePackage: t.pkg.history.removePackage, accept: t.pkg.history.accept, taken: t.pkg.taken, locked: t.pkg.lockedEdit, undone: t.pkg.undone, redone: t.pkg.redone,
  }), [t]);
  const editor = useEditor({ api, settings, communities, adjacency: adj, labels, onSaved: refreshOutlines });
  const sugg = useSuggestions(api);

  // ---- what the map shows: one colour per package (saved or suggested), neighbours differ ----
  const live = useMemo(() => sugg.run?.items ?? [], [sugg.run]);
  const suggestedIds = useMemo(() => new Set(live.flatMap((s) => s.members.map((m) => m.id))), [live]);
  const groups = useMemo(() => {
    const saved = editor.list.map((p) => ({
      key: p.id, name: p.name,
      members: p.id === editor.selected?.id && editor.members ? editor.members : p.members,
    })).map((g) => ({ ...g, members: g.members.filter((id) => !suggestedIds.has(id)) })).filter((g) => g.members.length);
    const suggested = live.map((s, i) => ({ key: s.key, name: t.pkg.suggestionShort(i + 1), members: s.members.map((m) => m.id) }));
    return [...saved, ...suggested];
  }, [editor.list, editor.selected, editor.members, live, suggestedIds, t]);
  const boxes = useMemo(() => groups.map((g) => boxOf(g.members, rings) ?? ([0, 0, 0, 0] as Box)), [groups, rings]);
  const colours = useMemo(() => assignColours(boxes), [boxes]);
  const colourOf = useMemo(() => new Map(groups.map((g, i) => [g.key, colours[i]])), [groups, colours]);
  const unplaced = useMemo(() => {
    const m = new Map<string, string>();
    for (const u of sugg.run?.result.unplaced ?? []) if (!editor.owners.has(u.id)) m.set(u.id, lang === 'en' ? u.messageEn : u.message);
    return m;
  }, [sugg.run, editor.owners, lang]);
  const badIds = useMemo(() => new Set(editor.checks.filter((c) => !c.ok).flatMap((c) => c.communities)), [editor.checks]);

  const states = useRef<CompoundStates | null>(null);
  // This mode's layers and compound states live on the shared map only while the mode is shown.
  useEffect(() => {
    if (!map) return;
    installPackageLayers(map);
    const s = new CompoundStates(map);
    states.current = s;
    return () => {
      s.clear();
      states.current = null;
      if (map.getStyle()) removePackageLayers(map);
    };
  }, [map]);

  useEffect(() => {
    if (!map || !states.current) return;
    const next = new Map<string, CompoundState>();
    groups.forEach((g, i) => {
      for (const id of g.members) next.set(id, { pk: colours[i], bad: badIds.has(id), unplaced: false });
    });
    for (const id of unplaced.keys()) if (!next.has(id)) next.set(id, { pk: -1, bad: false, unplaced: true });
    for (const id of badIds) if (!next.has(id)) next.set(id, { pk: -1, bad: true, unplaced: false });
    states.current.apply(next);
    const out: PackageLabel[] = [];
    groups.forEach((g, i) => {
      const pts = g.members.map((id) => anchors.get(id)).filter((p): p is [number, number] => !!p);
      if (!pts.length) return;
      const mean = [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
      const position = pts.reduce((a, b) => (Math.hypot(b[0] - mean[0], b[1] - mean[1]) < Math.hypot(a[0] - mean[0], a[1] - mean[1]) ? b : a));
      const households = g.members.reduce((s, id) => s + (communities.get(id)?.households ?? 0), 0);
      out.push({ position, text: `${g.name}\n${t.pkg.households(num(households))}`, colour: PALETTE_DARK[colours[i]] });
    });
    setPackageLabels(map, out);
  }, [map, groups, colours, badIds, unplaced, anchors, communities, t, num]);

  // ---- deck.gl: the selected package or suggestion glowing, and the neighbour links on demand ----
  const selectedSuggestion = live.find((s) => s.key === selectedKey) ?? null;
  const [site, setSite] = useState<SharedSite | null>(null);
  useEffect(() => setSite(null), [editor.selected?.id]);
  const deckLayers = useMemo(() => {
    const focus = selectedSuggestion ? selectedSuggestion.members.map((m) => m.id) : editor.members ?? [];
    // A member that breaks a rule keeps its red outline inside the highlight.
    const paths = focus.flatMap((id) => (rings.get(id) ?? []).map((ring) => ({ ring, bad: badIds.has(id) })));
    const layers = [];
    if (showLinks) {
      const links = live.flatMap((s) => s.links);
      if (editor.members) {
        const inside = new Set(editor.members);
        for (const a of editor.members) for (const b of adj.get(a) ?? []) if (a < b && inside.has(b)) links.push({ a, b, gap: 0, shared: 1 });
      }
      layers.push(new LineLayer<(typeof links)[number]>({
        ...DECK_COMMON, id: 'pkg-links', data: links,
        getSourcePosition: (l) => anchors.get(l.a) ?? [0, 0], getTargetPosition: (l) => anchors.get(l.b) ?? [0, 0],
        getColor: (l) => (l.shared > 0 ? [12, 120, 60, 230] : [230, 119, 0, 230]), getWidth: 3, widthUnits: 'pixels',
      }));
    }
    if (paths.length) {
      layers.push(
        new PathLayer<(typeof paths)[number]>({ ...DECK_COMMON, id: 'pkg-focus-glow', data: paths, getPath: (p) => p.ring as [number, number][], getColor: [255, 255, 255, 220], getWidth: 8, widthUnits: 'pixels', jointRounded: true }),
        new PathLayer<(typeof paths)[number]>({
          ...DECK_COMMON, id: 'pkg-focus', data: paths, getPath: (p) => p.ring as [number, number][], getColor: (p) => (p.bad ? BAD_RGBA : FOCUS_RGBA),
          getWidth: (p) => (p.bad ? 4 : 2.5), widthUnits: 'pixels', jointRounded: true, updateTriggers: { getColor: [badIds], getWidth: [badIds] },
        }),
      );
    }
    if (site && editor.selected) layers.push(siteLayer('pkg-shared-site', [site.position]));
    return layers;
  }, [selectedSuggestion, editor.members, editor.selected, rings, showLinks, live, adj, anchors, badIds, site]);

  // ---- moving the map ----
  const fitIds = useCallback((ids: string[], panel = true) => {
    const b = boxOf(ids, rings);
    if (map && b) map.fitBounds(b, { padding: viewPadding(map.getContainer(), panel), maxZoom: 17, duration: 900 });
  }, [map, rings]);

  // New suggestions: show where they are.
  const shownRun = useRef<unknown>(null);
  useEffect(() => {
    const r = sugg.run;
    if (!r || shownRun.current === r.result) return;
    shownRun.current = r.result;
    fitIds([...r.items.flatMap((s) => s.members.map((m) => m.id)), ...r.result.unplaced.map((u) => u.id)], false);
  }, [sugg.run, fitIds]);

  const selectPackage = useCallback(async (id: string | null) => {
    setSelectedKey(null);
    const d = await editor.select(id);
    if (d && map) map.fitBounds(d.bbox, { padding: viewPadding(map.getContainer(), true), maxZoom: 17, duration: 900 });
  }, [editor, map]);

  const selectSuggestion = useCallback((s: Suggestion) => {
    void editor.select(null);
    setSelectedKey(s.key);
    fitIds(s.members.map((m) => m.id));
  }, [editor, fitIds]);

  // ---- clicks and drawn shapes ----
  const onCompound = useCallback((id: string) => {
    if (editor.selected) return editor.toggle(id);
    const s = live.find((x) => x.members.some((m) => m.id === id));
    if (s) return selectSuggestion(s);
    const owner = editor.owners.get(id);
    if (owner) return void selectPackage(owner);
  }, [editor, live, selectSuggestion, selectPackage]);

  const fill = useMemo(() => packageFill(settings), [settings]);
  const look = useMemo(() => ({ fill, filter: ALL, visible: VISIBLE, pipeKinds: NO_PIPES, selected: null, deckLayers }), [fill, deckLayers]);
  useModeLook(look, onCompound);

  const onDrawn = useCallback((path: Pixel[]) => {
    if (!map) return;
    const used = tool;
    setTool(null);
    if (used === 'line') {
      if (!editor.selected || !editor.members) return;
      const sides = splitByLine(editor.members, path, (id) => {
        const a = anchors.get(id);
        if (!a) return null;
        const p = map.project(a);
        return [p.x, p.y];
      });
      if (!sides) return editor.notify(t.pkg.lineNoSplit);
      const hh = (ids: string[]) => ids.reduce((s, id) => s + (communities.get(id)?.households ?? 0), 0);
      const moving = hh(sides[0]) <= hh(sides[1]) ? sides[0] : sides[1];
      void editor.split(moving, t.pkg.splitName(editor.selected.name));
      return;
    }
    const xs = path.map((p) => p[0]);
    const ys = path.map((p) => p[1]);
    const hits = map.queryRenderedFeatures([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { layers: [LAYER.communitiesFill] });
    const ids = [...new Set(hits.map((f) => String(f.properties.id)))].filter((id) => {
      const a = anchors.get(id);
      if (!a) return false;
      const p = map.project(a);
      return insidePixels([p.x, p.y], path) && communities.get(id)?.eligible;
    });
    if (editor.selected && !editor.selected.locked) editor.addMany(ids);
    else if (!editor.selected && ids.length) void editor.create(ids, t.pkg.newName(communities.get(ids[0])?.name ?? ids[0], ids.length));
  }, [map, tool, editor, anchors, communities, t]);

  // ---- keyboard: undo, redo, escape ----
  const keys = useRef({ editor, tool, selectedKey });
  keys.current = { editor, tool, selectedKey };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = keys.current;
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
      if (e.key === 'Escape') {
        if (k.tool) setTool(null);
        else if (k.selectedKey) setSelectedKey(null);
        else if (k.editor.selected) void k.editor.select(null);
        return;
      }
      if (typing || !(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) { e.preventDefault(); void k.editor.undo(); }
      else if ((key === 'z' && e.shiftKey) || key === 'y') { e.preventDefault(); void k.editor.redo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const accept = useCallback(async (items: Suggestion[]) => {
    const keysAccepted = items.map((s) => s.key);
    await editor.accept(items.map((s) => ({ members: s.members.map((m) => m.id) })), items.flatMap((s) => s.replaces));
    // Only drop what was saved: a refused acceptance leaves the suggestions to look at again.
    const savedNow = await editor.refreshList();
    const owned = new Set(savedNow.flatMap((p) => p.members));
    sugg.drop(keysAccepted.filter((k) => items.find((s) => s.key === k)!.members.every((m) => owned.has(m.id))));
    setSelectedKey(null);
  }, [editor, sugg]);

  const saveSettings = useCallback(async (s: Partial<Settings>) => {
    setSavingSettings(true);
    try {
      const current = await api.settings();
      await api.saveSettings(current.version, s);
      await onSettingsChanged();
    } catch (err) {
      alert((err as Error).message);
    } finally {
      setSavingSettings(false);
    }
  }, [api, onSettingsChanged]);

  const notice = editor.notice;

  return (
    <>
      <Header datasetName={dataset.meta.name} mode="package" onMode={onMode}>
        <div className="history-buttons">
          <button type="button" className="header-button" disabled={!editor.undoLabel} onClick={() => void editor.undo()} data-testid="undo"
            title={editor.undoLabel ? `${t.pkg.undo}：${editor.undoLabel}（Ctrl+Z）` : t.pkg.undo}>↶ {t.pkg.undo}</button>
          <button type="button" className="header-button" disabled={!editor.redoLabel} onClick={() => void editor.redo()} data-testid="redo"
            title={editor.redoLabel ? `${t.pkg.redo}：${editor.redoLabel}（Ctrl+Shift+Z）` : t.pkg.redo}>↷ {t.pkg.redo}</button>
        </div>
      </Header>
      <main className="explore package-mode">
        {tool && <DrawTool tool={tool} onDone={onDrawn} />}
        {map && !tool && (
          <HoverTooltip map={map} communities={communities} unplaced={unplaced}
            packageName={(id) => { const o = editor.owners.get(id); return o ? editor.list.find((p) => p.id === o)?.name : undefined; }} />
        )}
        <div className="left-column pkg-column">
          <div className="tabs card" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'suggest'} onClick={() => setTab('suggest')} data-testid="tab-suggest">{t.pkg.suggestTitle}</button>
            <button type="button" role="tab" aria-selected={tab === 'packages'} onClick={() => setTab('packages')} data-testid="tab-packages">{t.pkg.listTitle}（{editor.list.length}）</button>
          </div>
          {tab === 'suggest' ? (
            <SuggestPanel
              saved={settings} run={sugg.run} busy={sugg.busy} error={sugg.error} colourOf={colourOf} selectedKey={selectedKey} showLinks={showLinks}
              saving={savingSettings} onRun={(r) => { setSelectedKey(null); void sugg.start(r); }} onSaveSettings={saveSettings}
              onSelect={selectSuggestion} onAccept={(items) => void accept(items)}
              onReject={(s) => { sugg.drop([s.key]); if (selectedKey === s.key) setSelectedKey(null); }}
              onShowLinks={setShowLinks} onFlyTo={(id) => fitIds([id])}
            />
          ) : (
            <PackageList list={editor.list} subdistricts={dataset.subdistricts} communities={communities} colourOf={colourOf}
              selectedId={editor.selected?.id ?? null} onSelect={(id) => void selectPackage(id)} />
          )}
          <div className="card pkg-legend">
            <ul>
              <li><span className="swatch" style={{ background: SMALL_COLOUR }} />{t.pkg.legendSmall(settings.minHouseholds)}</li>
              <li><span className="swatch" style={{ background: LARGE_COLOUR }} />{t.pkg.legendLarge}</li>
              <li><span className="swatch" style={{ background: INELIGIBLE_COLOUR }} />{t.pkg.legendIneligible}</li>
              <li><span className="swatch stripes" />{t.pkg.legendPackage}</li>
              <li><span className="swatch-line" style={{ background: BAD_COLOUR }} />{t.pkg.legendBad}</li>
            </ul>
          </div>
        </div>
        <div className="map-tools card" role="toolbar" aria-label={t.pkg.tools}>
          {(['box', 'lasso'] as const).map((x) => (
            <button key={x} type="button" className={tool === x ? 'on' : undefined} onClick={() => setTool(tool === x ? null : x)} data-testid={`tool-${x}`}
              title={editor.selected ? t.pkg.toolAddHint : t.pkg.toolCreateHint}>{t.pkg.tool[x]}</button>
          ))}
          {tool && <span className="note">{t.pkg.toolActive[tool]}</span>}
        </div>
        {notice && (
          <div className={`notice ${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'} data-testid={`notice-${notice.kind}`}>
            <span>{notice.message}</span>
            {notice.kind === 'conflict' && <button type="button" className="button primary" onClick={() => void editor.reload()} data-testid="reload">{t.pkg.reload}</button>}
            <button type="button" className="close" aria-label={t.panel.close} onClick={editor.dismiss}>×</button>
          </div>
        )}
        {selectedSuggestion ? (
          <SuggestionPanel s={selectedSuggestion} onClose={() => setSelectedKey(null)}
            onAccept={() => void accept([selectedSuggestion])} onReject={() => { sugg.drop([selectedSuggestion.key]); setSelectedKey(null); }} />
        ) : editor.selected && (
          <PackagePanel api={api} site={site} onSite={setSite} editor={editor} communities={communities} adjacency={adj} lineSplit={tool === 'line'}
            onLineSplit={(on) => setTool(on ? 'line' : null)} onClose={() => void editor.select(null)} />
        )}
      </main>
    </>
  );
}
