import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { targetTab } from '@/lib/ui/target-tab';
import './style.css';

const app = document.getElementById('app');
const params = new URLSearchParams(location.search);
if (app) {
  void targetTab(location.search).then((tab) =>
    render(
      <Popup
        tab={tab}
        itemId={params.get('item')}
        initialQuery={params.get('q') ?? ''}
        newTip={params.get('new') === 'tip'}
      />,
      app,
    ),
  );
}
