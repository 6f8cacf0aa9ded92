// GET /api/settings, PUT /api/settings — the rule numbers, changed with optimistic concurrency.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../app.ts';
import type { SettingsResponse } from '../domain/api.ts';
import { DEFAULT_SETTINGS, Settings, SettingsPatch, settingsProblems } from '../domain/settings.ts';
import { HttpError, jsonBody } from './http.ts';

const SettingsChange = z.object({ version: z.number().int().min(0), settings: SettingsPatch }).strict();

export function settingsRoutes({ store }: Deps) {
  const current = (): SettingsResponse => ({ settings: store.settings(), defaults: DEFAULT_SETTINGS, version: store.settingsVersion() });
  return new Hono()
    .get('/settings', (c) => c.json(current()))
    .put('/settings', async (c) => {
      const { version, settings } = await jsonBody(c, SettingsChange);
      const next = Settings.parse({ ...store.settings(), ...settings });
      const problems = settingsProblems(next);
      if (problems.length) {
        throw new HttpError(422, 'bad_settings', `设置不一致：${problems.map((p) => p.message).join('；')}`, `inconsistent settings: ${problems.map((p) => p.messageEn).join('; ')}`);
      }
      if (!store.saveSettings(next, 'user', version)) {
        throw new HttpError(409, 'stale_version', '设置已被他人修改，请重新载入后再改', 'the settings were changed by someone else; reload and try again', current());
      }
      return c.json(current());
    });
}
