import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { setErrorLanguage } from './lib/api';
import { lang } from './lib/lang.svelte';

setErrorLanguage(lang);

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
