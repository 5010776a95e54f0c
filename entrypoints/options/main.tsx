import { render } from 'preact';
import { Options } from '@/components/Options';
import '../popup/style.css';

const app = document.getElementById('app');
if (app) render(<Options />, app);
