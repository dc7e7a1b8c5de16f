// Input shapes of the rules under rules/eviction/, registered with defineShape (imported by the registry).
export {};
