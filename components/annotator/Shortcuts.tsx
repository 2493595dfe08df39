import { tagInfo, tags } from "@/lib/tags";

/** The keyboard shortcuts, under the list. */
export function Shortcuts() {
  return (
    <dl className="shortcuts">
      {tags.map((tag) => (
        <div key={tag}>
          <dt>
            <kbd>{tagInfo[tag].shortcutLabel}</kbd>
          </dt>
          <dd>Tag the selection {tagInfo[tag].label.toLowerCase()}</dd>
        </div>
      ))}
      <div>
        <dt>
          <kbd>Ctrl+Z</kbd> / <kbd>Ctrl+Shift+Z</kbd>
        </dt>
        <dd>Undo / redo a claim change (⌘ on a Mac)</dd>
      </div>
      <div>
        <dt>
          <kbd>Esc</kbd>
        </dt>
        <dd>Close the open claim</dd>
      </div>
    </dl>
  );
}
