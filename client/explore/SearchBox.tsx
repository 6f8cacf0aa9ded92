// Find a compound by name or alias (GET /api/communities?q=): arrow keys move through the hits,
// Enter or a click picks one, Escape closes the list, "/" anywhere focuses the box.
import { useEffect, useId, useRef, useState } from 'react';
import type { CommunitySearchHit } from '../../server/domain/api.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';

const DEBOUNCE_MS = 180;

type Results =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'hits'; hits: CommunitySearchHit[] }
  | { kind: 'error'; message: string };

interface Props {
  api: Api;
  onPick(hit: CommunitySearchHit): void;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function SearchBox({ api, onPick }: Props) {
  const { t, num } = useI18n();
  const [text, setText] = useState('');
  const [results, setResults] = useState<Results>({ kind: 'idle' });
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setResults({ kind: 'idle' });
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setResults({ kind: 'searching' });
      api.searchCommunities(q, ctrl.signal).then(
        (hits) => {
          setResults({ kind: 'hits', hits });
          setActive(0);
        },
        (err: Error) => {
          if (!ctrl.signal.aborted) setResults({ kind: 'error', message: err.message });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, api]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !isTyping(e.target)) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const hits = results.kind === 'hits' ? results.hits : [];
  const pick = (hit: CommunitySearchHit) => {
    setText(hit.name);
    setOpen(false);
    onPick(hit);
  };

  return (
    <div className="search" role="search">
      <input
        ref={input} type="search" data-testid="search-input" value={text}
        placeholder={t.search.placeholder} aria-label={t.search.label}
        role="combobox" aria-expanded={open && results.kind !== 'idle'} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={open && hits[active] ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && hits.length) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % hits.length);
          } else if (e.key === 'ArrowUp' && hits.length) {
            e.preventDefault();
            setActive((a) => (a - 1 + hits.length) % hits.length);
          } else if (e.key === 'Enter' && hits[active]) {
            e.preventDefault();
            pick(hits[active]);
          } else if (e.key === 'Escape' && open && results.kind !== 'idle') {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      <kbd className="search-key" aria-hidden="true">/</kbd>
      {open && results.kind !== 'idle' && (
        <ul className="search-results card" id={listId} role="listbox" data-testid="search-results">
          {results.kind === 'searching' && <li className="muted">{t.search.searching}</li>}
          {results.kind === 'error' && <li className="error" role="alert">{results.message}</li>}
          {results.kind === 'hits' && hits.length === 0 && <li className="muted">{t.search.noHits}</li>}
          {hits.map((h, i) => (
            <li
              key={h.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} data-testid="search-hit"
              className={i === active ? 'active' : undefined}
              // mousedown, not click: it comes before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(h);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <strong>{h.name}</strong>
              <span className="muted">{t.search.hit(h.subdistrict, num(h.households))}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
