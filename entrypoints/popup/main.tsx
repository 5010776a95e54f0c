import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { targetTab } from '@/lib/ui/target-tab';
import './style.css';

const app = document.getElementById('app');
if (app) void targetTab(location.search).then((tab) => render(<Popup tab={tab} />, app));
