/**
 * The sandboxed preload: exposes exactly one object, `window.workbench`, whose methods wrap
 * IPC calls by channel name. ipcRenderer itself never reaches the page. Built into a single
 * CommonJS file, since a sandboxed preload can only require('electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL } from '../../shared/ipc/channels';
import { createWorkbenchApi } from '../../shared/ipc/client';
import type { WorkbenchEvent } from '../../shared/ipc/contract';

const api = createWorkbenchApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (listener) => {
    const handler = (_event: unknown, data: WorkbenchEvent) => listener(data);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});

contextBridge.exposeInMainWorld('workbench', api);
