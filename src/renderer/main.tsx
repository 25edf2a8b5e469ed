import './lib/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { Root } from './app/Root';
import { prefetchLibraryTable } from './features/library';
import { call, createQueryClient, hasMethod } from './lib/api';
import './app/fonts.css';
import './app/app.css';

const client = createQueryClient();
prefetchLibraryTable(client);
const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={client}>
        <Root />
      </QueryClientProvider>
    </StrictMode>,
  );
}

// `briefbook --smoke` (docs/release.md): the main process says so through app.info
if (hasMethod('app.info')) {
  void call('app.info', {}).then((info) => {
    if (info.smoke === true) void import('./features/smoke/start-smoke').then((smoke) => smoke.startSmoke());
  }, () => undefined);
}
