import { render } from 'preact';
import { Options } from '@/components/Options';
import { t } from '@/lib/i18n';
import '../popup/style.css';

document.title = t('community_optionsTitle');
const app = document.getElementById('app');
if (app) render(<Options />, app);
