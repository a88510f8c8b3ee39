{{/*
The chart's name.
*/}}
{{- define "orderflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
A fully qualified app name, truncated so that "<fullname>-worker-..." stays within 63 characters
of a DNS name. A release name that contains the chart name is used as is.
*/}}
{{- define "orderflow.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "orderflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every resource.
*/}}
{{- define "orderflow.labels" -}}
helm.sh/chart: {{ include "orderflow.chart" . }}
{{ include "orderflow.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: orderflow
{{- end }}

{{/*
Selector labels of the release.
*/}}
{{- define "orderflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "orderflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels and selector labels of one component: include with (dict "root" $ "component" "api").
*/}}
{{- define "orderflow.componentLabels" -}}
{{ include "orderflow.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "orderflow.componentSelectorLabels" -}}
{{ include "orderflow.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Names of the resources.
*/}}
{{- define "orderflow.api.fullname" -}}
{{- printf "%s-api" (include "orderflow.fullname" .) }}
{{- end }}

{{- define "orderflow.worker.fullname" -}}
{{- printf "%s-worker" (include "orderflow.fullname" .) }}
{{- end }}

{{- define "orderflow.api.serviceAccountName" -}}
{{- if .Values.api.serviceAccount.create }}
{{- default (include "orderflow.api.fullname" .) .Values.api.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.api.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "orderflow.worker.serviceAccountName" -}}
{{- if .Values.worker.serviceAccount.create }}
{{- default (include "orderflow.worker.fullname" .) .Values.worker.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.worker.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Secret with the database credentials: the chart's own or database.existingSecret.
*/}}
{{- define "orderflow.databaseSecretName" -}}
{{- default (printf "%s-database" (include "orderflow.fullname" .)) .Values.database.existingSecret }}
{{- end }}

{{/*
The Secret with the API keys (one key per client): the chart's own or apiKeys.existingSecret.
*/}}
{{- define "orderflow.apiKeysSecretName" -}}
{{- default (printf "%s-api-keys" (include "orderflow.fullname" .)) .Values.apiKeys.existingSecret }}
{{- end }}

{{/*
Images; the tag defaults to the chart's appVersion.
*/}}
{{- define "orderflow.api.image" -}}
{{- printf "%s:%s" .Values.api.image.repository (default .Chart.AppVersion .Values.api.image.tag) }}
{{- end }}

{{- define "orderflow.worker.image" -}}
{{- printf "%s:%s" .Values.worker.image.repository (default .Chart.AppVersion .Values.worker.image.tag) }}
{{- end }}

{{/*
The shutdown chain, derived from each service's terminationGracePeriodSeconds alone so that the
three cannot drift:
  worker: orderflow.worker.shutdown-timeout (grace - 20 s)
          < spring.lifecycle.timeout-per-shutdown-phase (grace - 10 s) < grace
  api:    spring.lifecycle.timeout-per-shutdown-phase (grace - 10 s) < grace
*/}}
{{- define "orderflow.api.shutdownPhaseTimeout" -}}
{{- printf "%ds" (sub (int .Values.api.terminationGracePeriodSeconds) 10) }}
{{- end }}

{{- define "orderflow.worker.shutdownPhaseTimeout" -}}
{{- printf "%ds" (sub (int .Values.worker.terminationGracePeriodSeconds) 10) }}
{{- end }}

{{- define "orderflow.worker.listenerShutdownTimeout" -}}
{{- printf "%ds" (sub (int .Values.worker.terminationGracePeriodSeconds) 20) }}
{{- end }}

{{/*
Most worker pods there can be: KEDA's maxReplicaCount, else the HPA's maxReplicas, else
replicaCount.
*/}}
{{- define "orderflow.worker.maxReplicas" -}}
{{- if .Values.worker.keda.enabled }}
{{- int .Values.worker.keda.maxReplicaCount }}
{{- else if .Values.worker.autoscaling.enabled }}
{{- int .Values.worker.autoscaling.maxReplicas }}
{{- else }}
{{- int .Values.worker.replicaCount }}
{{- end }}
{{- end }}

{{- define "orderflow.worker.maxReplicasValue" -}}
{{- if .Values.worker.keda.enabled }}worker.keda.maxReplicaCount
{{- else if .Values.worker.autoscaling.enabled }}worker.autoscaling.maxReplicas
{{- else }}worker.replicaCount
{{- end }}
{{- end }}

{{/*
Guard rails: values that would deploy something broken fail at template time, with a message
that says what to change.
*/}}
{{- define "orderflow.validate" -}}
{{- $v := .Values }}
{{- if not (has $v.logFormat (list "json" "text")) }}
{{- fail (printf "logFormat must be json or text, got %q" $v.logFormat) }}
{{- end }}
{{- if not $v.database.url }}
{{- fail "database.url is required: set it to the JDBC URL of PostgreSQL, e.g. --set database.url=jdbc:postgresql://postgres:5432/orderflow" }}
{{- end }}
{{- if not (hasPrefix "jdbc:postgresql:" $v.database.url) }}
{{- fail (printf "database.url must be a PostgreSQL JDBC URL (jdbc:postgresql://<host>:<port>/<database>), got %q" $v.database.url) }}
{{- end }}
{{- if and (not $v.database.existingSecret) (not $v.database.password) }}
{{- fail "database credentials are missing: set database.existingSecret to a Secret with the keys database.usernameKey and database.passwordKey, or set database.password" }}
{{- end }}
{{- if and (not $v.apiKeys.existingSecret) (not $v.apiKeys.clients) }}
{{- fail "no API key secret: set apiKeys.existingSecret to a Secret with one key per client, or give a key with --set apiKeys.clients.<client>=<at least 16 characters>" }}
{{- end }}
{{- if not $v.apiKeys.existingSecret }}
{{- range $client, $key := $v.apiKeys.clients }}
{{- if not (regexMatch "^[a-z0-9]+$" $client) }}
{{- fail (printf "apiKeys.clients.%s: a client name may hold only lower-case letters and digits (it becomes ORDERFLOW_SECURITY_APIKEYS_<CLIENT>)" $client) }}
{{- end }}
{{- if lt (len (toString $key)) 16 }}
{{- fail (printf "apiKeys.clients.%s must be at least 16 characters (the api refuses to start otherwise); generate one with: openssl rand -base64 32" $client) }}
{{- end }}
{{- end }}
{{- end }}
{{- if not $v.kafka.bootstrapServers }}
{{- fail "kafka.bootstrapServers is required: set it to the brokers' bootstrap address, e.g. --set kafka.bootstrapServers=my-cluster-kafka-bootstrap.kafka:9092" }}
{{- end }}
{{- if lt (int $v.kafka.topics.partitions) 1 }}
{{- fail (printf "kafka.topics.partitions must be at least 1, got %v" $v.kafka.topics.partitions) }}
{{- end }}
{{- if lt (int $v.kafka.topics.replicas) 1 }}
{{- fail (printf "kafka.topics.replicas must be at least 1, got %v" $v.kafka.topics.replicas) }}
{{- end }}
{{- if lt (int $v.worker.listenerConcurrency) 1 }}
{{- fail (printf "worker.listenerConcurrency must be at least 1, got %v" $v.worker.listenerConcurrency) }}
{{- end }}
{{- $maxReplicas := int (include "orderflow.worker.maxReplicas" .) }}
{{- $consumers := mul $maxReplicas (int $v.worker.listenerConcurrency) }}
{{- if gt $consumers (int $v.kafka.topics.partitions) }}
{{- fail (printf "%s (%d) x worker.listenerConcurrency (%d) = %d consumers, more than kafka.topics.partitions (%d): the extra consumers would sit idle. Lower %s or worker.listenerConcurrency, or raise kafka.topics.partitions" (include "orderflow.worker.maxReplicasValue" .) $maxReplicas (int $v.worker.listenerConcurrency) $consumers (int $v.kafka.topics.partitions) (include "orderflow.worker.maxReplicasValue" .)) }}
{{- end }}
{{- if and $v.worker.keda.enabled (lt (int $v.worker.keda.minReplicaCount) 1) }}
{{- fail "worker.keda.minReplicaCount must be at least 1: the workers also run the cleanup and reconcile jobs, which would stop while no worker runs" }}
{{- end }}
{{- if and $v.worker.keda.enabled (gt (int $v.worker.keda.minReplicaCount) (int $v.worker.keda.maxReplicaCount)) }}
{{- fail (printf "worker.keda.minReplicaCount (%d) is above worker.keda.maxReplicaCount (%d)" (int $v.worker.keda.minReplicaCount) (int $v.worker.keda.maxReplicaCount)) }}
{{- end }}
{{- if lt (int $v.worker.terminationGracePeriodSeconds) 25 }}
{{- fail (printf "worker.terminationGracePeriodSeconds must be at least 25 (the listeners get it minus 20 s, Spring's shutdown phase minus 10 s), got %v" $v.worker.terminationGracePeriodSeconds) }}
{{- end }}
{{- if lt (int $v.api.terminationGracePeriodSeconds) 15 }}
{{- fail (printf "api.terminationGracePeriodSeconds must be at least 15 (Spring's shutdown phase gets it minus 10 s), got %v" $v.api.terminationGracePeriodSeconds) }}
{{- end }}
{{- end }}
