import { markersMigration } from '../../markers/migration';

/** Skin markers: names given on one frame, tracks, hand corrections (schema beside the markers service). */
export const migration = markersMigration(10);
