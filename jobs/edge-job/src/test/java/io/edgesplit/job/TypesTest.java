package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.controller.DeviceState;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.DeviceEvent;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.TailWork;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.WorkItem;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type that crosses an operator or sits in state is a Flink POJO, never Kryo. */
class TypesTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                Telemetry.class,
                FrameIn.class,
                DeviceEvent.class,
                WorkItem.class,
                TailWork.class,
                ResultRecord.class,
                DecisionRecord.class,
                ProfileUpdate.class,
                DeviceState.class
            })
    void isAPojoWithoutGenericFields(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        // creating the serializer fails if any nested field would need Kryo
        TypeSerializer<?> serializer = info.createSerializer(config);
        assertThat(serializer).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void framesSurviveTheirSerializer(int id) throws Exception {
        FrameIn f = Fixtures.frame("cam", id, 77);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<FrameIn> s = TypeInformation.of(FrameIn.class).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(f, out);
        FrameIn back = s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.tensors()).isEqualTo(f.tensors());
        assertThat(back.frameId()).isEqualTo(id);
    }
}
