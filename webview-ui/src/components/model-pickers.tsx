/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import { permissionModeSchema } from '../../../src/protocol/chat-state';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel, usePanelState } from '../panel-context';

const modeLabels = {
  default: 'Ask before edits',
  acceptEdits: 'Accept edits',
  plan: 'Plan (read-only)',
  auto: 'Auto (a model reviews)',
  bypassPermissions: 'Bypass permissions',
};

/** Model and mode pickers: native selects, so they follow the theme and the keyboard for free. */
export function ModelPickers(): ReactNode {
  const { post } = usePanel();
  const model = usePanelState((view) => view.model);
  const models = usePanelState((view) => view.models);
  const mode = usePanelState((view) => view.mode);
  return (
    <div className="composer-pickers">
      <label>
        <span className="picker-label">Model</span>
        <select
          value={model}
          onChange={(event) =>
            post({ type: WebviewMessageType.SelectModelCommand, model: event.target.value })
          }
        >
          {models.length === 0 ? <option value={model}>{model || 'No model'}</option> : null}
          {models.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="picker-label">Mode</span>
        <select
          value={mode}
          onChange={(event) => {
            const parsed = permissionModeSchema.safeParse(event.target.value);
            if (parsed.success) post({ type: WebviewMessageType.SelectModeCommand, mode: parsed.data });
          }}
        >
          {permissionModeSchema.options.map((option) => (
            <option key={option} value={option}>
              {modeLabels[option]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
