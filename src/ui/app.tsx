/**
 * The ink view. Finished output (echoed lines, command output, completion lists) is written once above the live
 * area through ink's stdout writer, so it scrolls like a terminal and the terminal itself wraps it; only the goal
 * panel and the live prompt are redrawn. (ink's <Static> does the same but lays every character out through yoga:
 * ~1 s for a 5,000-line `kubectl get pods -A`, against a few ms this way.)
 */
import { Box, Text, useCursor, useStdout } from 'ink';
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { OutputItem, PanelData, ShellController } from './controller.js';
import { searchLine } from './editor.js';
import { layoutPrompt } from './layout.js';

const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

function useColumns(): number {
  const { stdout } = useStdout();
  const [cols, setCols] = useState(stdout.columns || 80);
  useEffect(() => {
    const onResize = () => setCols(stdout.columns || 80);
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
  return cols;
}

function stdoutRows(stdout: NodeJS.WriteStream): number {
  return stdout.rows || 24;
}

/** The bytes an output item puts on the terminal: stderr in red when colour is on; always ends a line. */
export function itemText(item: OutputItem, color: boolean): string {
  if (item.kind === 'clear') return CLEAR_SCREEN;
  let text = item.text.endsWith('\n') ? item.text : item.text + '\n';
  if (item.kind === 'err' && color) text = text.replace(/[^\n]+/g, (l) => `\x1b[31m${l}\x1b[39m`);
  return text;
}

/** Height of the panel in rows (border, title, one row per item; one row when compact). */
export function panelHeight(panel: PanelData | null, compact = false): number {
  if (!panel) return 0;
  return compact ? 1 : panel.items.length + 3;
}

/** One line instead of the box when the terminal is too short for it: the live area must stay below its height. */
export function CompactPanel({ panel, width, color }: { panel: PanelData; width: number; color: boolean }) {
  const done = panel.items.filter((i) => i.done).length;
  const next = panel.items.find((i) => !i.done);
  let line = `${panel.title}: ${done}/${panel.items.length} done${next ? ` · next: ${next.label}` : ''}`;
  if (line.length > width - 1) line = line.slice(0, Math.max(1, width - 2)) + '…';
  return <Text color={color ? 'cyan' : undefined}>{line}</Text>;
}

export function Panel({ panel, width, color }: { panel: PanelData; width: number; color: boolean }) {
  const inner = Math.max(10, Math.min(width, 80) - 4);
  const cut = (s: string) => (s.length > inner ? s.slice(0, inner - 1) + '…' : s);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color ? 'cyan' : undefined} paddingX={1} alignSelf="flex-start">
      <Text bold={color}>{cut(panel.title)}</Text>
      {panel.items.map((it, i) => {
        const line = cut(`${'  '.repeat(it.indent ?? 0)}${it.done ? '✔' : '☐'} ${it.label}`);
        return (
          <Text key={i} color={color ? (it.done ? 'green' : undefined) : undefined}>
            {line}
          </Text>
        );
      })}
    </Box>
  );
}

export function App({ controller, color }: { controller: ShellController; color: boolean }) {
  const view = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const width = useColumns();
  const { write } = useStdout();
  const { setCursorPosition } = useCursor();
  const printed = useRef(0);
  controller.width = width;

  // Print what finished since the last commit, in order, above the live area.
  useLayoutEffect(() => {
    let text = '';
    for (const item of view.items) {
      if (item.id <= printed.current) continue;
      text += itemText(item, color);
      printed.current = item.id;
    }
    if (text) write(text);
  }, [view.items, color, write]);

  const showPrompt = !view.busy && !view.done;
  const search = view.editor.search ? searchLine(view.editor) : null;
  const layout = search ? layoutPrompt('', search.text, search.cursor, width) : layoutPrompt(view.prompt, view.editor.buffer, view.editor.cursor, width);
  const showPanel = !!view.panel && !view.done;
  const rows = stdoutRows(useStdout().stdout);
  const compact = showPanel && panelHeight(view.panel) + layout.rows.length >= rows - 1;
  const top = showPanel ? panelHeight(view.panel, compact) : 0;
  setCursorPosition(showPrompt ? { x: layout.cursor.x, y: top + layout.cursor.y } : undefined);
  return (
    <>
      {showPanel ? (
        compact ? <CompactPanel panel={view.panel!} width={width} color={color} /> : <Panel panel={view.panel!} width={width} color={color} />
      ) : null}
      {showPrompt ? <Text>{layout.rows.join('\n')}</Text> : null}
    </>
  );
}
