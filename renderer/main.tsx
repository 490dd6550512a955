import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectApi } from './lib/webTransport';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={connectApi()} />
  </StrictMode>,
);
