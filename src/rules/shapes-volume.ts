// Input shapes of the rules under rules/volume/.
import { defineShape } from './shapes.ts';

void defineShape;
