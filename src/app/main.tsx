import { render } from 'preact';

render(<p>Báo Offline</p>, document.getElementById('app')!);
