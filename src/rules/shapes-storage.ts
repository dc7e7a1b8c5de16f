// Input shapes of the rules under rules/storage/.
import { defineShape } from './shapes.ts';

void defineShape;
