/**
 * The preload (sandboxed, context-isolated): exposes `window.briefbook`, one named method per
 * contract method, and nothing else. Bundled into one CommonJS file; it may require only
 * 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBriefbookApi } from './api';

contextBridge.exposeInMainWorld(
  'briefbook',
  createBriefbookApi((channel, input) => ipcRenderer.invoke(channel, input)),
);
