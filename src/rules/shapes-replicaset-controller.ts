// Input shapes of the rules under rules/replicaset-controller/.
import { defineShape } from './shapes.ts';

void defineShape;
