import type { Profiles } from '../../shared/bridge';

/**
 * The desktop app's profiles (the configuration folder, through the main process) with those its windows
 * kept in their local storage before: one of those is moved to the folder the first time a file with its
 * headers is opened, so no mapping a person saved is lost. A name no file can have stays where it was and
 * is still offered from there.
 */
export function withEarlierProfiles(profiles: Profiles, earlier: Profiles): Profiles {
  return {
    async list() {
      const [now, before] = await Promise.all([profiles.list(), earlier.list()]);
      if (!now.ok || !before.ok) return now;
      const names = new Set(now.value.map((p) => p.name));
      return { ok: true, value: [...now.value, ...before.value.filter((p) => !names.has(p.name))] };
    },
    async find(headers, templateId) {
      const found = await profiles.find(headers, templateId);
      if (!found.ok || found.value) return found;
      const kept = await earlier.find(headers, templateId);
      if (!kept.ok || !kept.value) return found;
      const moved = await profiles.save(kept.value);
      if (moved.ok) await earlier.remove(kept.value.name);
      return kept;
    },
    save: (profile) => profiles.save(profile),
    async remove(name) {
      const [now, before] = await Promise.all([profiles.remove(name), earlier.remove(name)]);
      if (!now.ok) return now;
      if (!before.ok) return before;
      return { ok: true, value: now.value || before.value };
    },
  };
}
