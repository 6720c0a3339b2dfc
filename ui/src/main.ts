/** Entry point: picks the platform (Tauri or the fake) and mounts the window. */
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { choosePlatform } from './lib/platform/choose';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

choosePlatform().then((platform) => mount(App, { target, props: { platform } }));
