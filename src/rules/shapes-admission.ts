// Input shapes of the rules under rules/admission/, registered with defineShape (imported by the registry).
// src/admission/ builds these views; each holds only what one admission decision reads.
import { defineShape, PodShape, type Shape } from './shapes.ts';

const str: Shape = { oneOf: ['string', 'null'] };
const num: Shape = { oneOf: ['number', 'null'] };
const resourceList: Shape = { oneOf: [{ map: 'string' }, 'null'] };

/** NamespaceLifecycle (API-15): the request and what the store knows of its namespace. */
defineShape('NamespaceLifecycleInput', {
  object: { operation: 'string', kind: 'string', name: 'string', namespace: str, namespaceExists: 'boolean', namespacePhase: str },
});

/**
 * LimitRanger min/max (RES-12): request, limit and the enforced bound as the integers Kubernetes compares
 * (requestLimitEnforcedValues: MilliValue when all three fit, else Value), written as decimal text.
 */
defineShape('LimitBoundInput', { object: { request: str, limit: str, enforced: 'string' } });

/** LimitRanger maxLimitRequestRatio (RES-12): the same integers as float64, and the bound at the same scale. */
defineShape('LimitRatioInput', { object: { request: num, limit: num, maxRatio: 'number', scale: 'number' } });

/** DefaultTolerationSeconds (SCHED-13, NODE-04): one toleration of the Pod and a node-lifecycle taint key. */
defineShape('TolerationTaintKeyInput', {
  object: {
    toleration: { optional: true, object: { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'number' } },
    taintKey: 'string',
  },
});

const classRef: Shape = { oneOf: [{ object: { name: 'string', value: 'number' } }, 'null'] };

/** Priority (SCHED-23): the Pod's class name, the class of that name if it exists, and the global default. */
defineShape('PriorityInput', { object: { priorityClassName: 'string', namedClass: classRef, defaultClass: classRef } });

/** Priority (SCHED-23): spec.priority as the user wrote it and the value admission computed. */
defineShape('PriorityConflictInput', { object: { provided: num, computed: 'number' } });

/** ResourceQuota (RES-13): one resource's usage, the request's charge and the hard limit, as quantities. */
defineShape('QuotaResourceInput', { object: { used: 'string', requested: 'string', hard: 'string' } });

/** ResourceQuota (RES-13): one quota resource and one container's resources. */
defineShape('QuotaContainerInput', { object: { resource: 'string', requests: resourceList, limits: resourceList } });

/** ResourceQuota scopes (RES-13): one scope of a quota and the Pod it may cover. */
defineShape('QuotaScopeInput', { object: { scope: 'string', pod: PodShape } });
