import { getTemplate, type Template } from '../../../shared/template';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';

/**
 * The template builder of a CRM that has one (Configio): which fields the template holds, a group's fields all
 * at once or one by one. Key identifiers are always kept (shared/template/builder.ts), so they show ticked and
 * cannot be cleared while their group is used.
 */
export function TemplateBuilder() {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const template = useAppState((s) => s.template);
  const full = getTemplate(template.id);
  if (!full?.builder) return null;
  const held = new Set(template.fields.map((f) => f.header));
  const choose = (headers: Set<string>) => {
    const all = full.fields.every((f) => headers.has(f.header));
    const fields = full.fields.filter((f) => headers.has(f.header)).map((f) => f.header);
    void controller.chooseTarget(all ? { id: full.id } : { id: full.id, fields });
  };
  const toggle = (headers: readonly string[], on: boolean) => {
    const next = new Set(held);
    for (const header of headers) {
      if (on) next.add(header);
      else next.delete(header);
    }
    choose(next);
  };
  return (
    <details className="lp-card lp-builder" data-testid="template-builder">
      <summary>{words.builderTitle(template.fields.length, full.fields.length)}</summary>
      {full.groups.map((group) => {
        const fields = full.fields.filter((f) => f.group === group.id);
        const keys = new Set(group.keys);
        return (
          <fieldset key={group.id}>
            <legend>
              <label>
                <input
                  type="checkbox"
                  data-testid={`builder-group-${group.id}`}
                  checked={fields.every((f) => held.has(f.header))}
                  onChange={(e) =>
                    toggle(
                      fields.map((f) => f.header),
                      e.target.checked,
                    )
                  }
                />
                {group.label[locale]}
              </label>
            </legend>
            {fields.map((field) => (
              <label
                key={field.header}
                className="lp-choice"
                title={keyTitle(full, keys, field.header, words)}
              >
                <input
                  type="checkbox"
                  checked={held.has(field.header)}
                  disabled={keys.has(field.header) && held.has(field.header)}
                  onChange={(e) => toggle([field.header], e.target.checked)}
                />
                {field.label[locale]}
              </label>
            ))}
          </fieldset>
        );
      })}
    </details>
  );
}

function keyTitle(
  template: Template,
  keys: ReadonlySet<string>,
  header: string,
  words: { builderKey: (crm: string) => string },
): string | undefined {
  return keys.has(header) ? words.builderKey(template.crm) : undefined;
}
