import 'reflect-metadata';
import { run } from './bootstrap';

void run();
